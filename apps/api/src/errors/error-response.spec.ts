import { QueryError } from '@app/query';
import { NotFoundException } from '@nestjs/common';
import {
  AuthenticateFailureError,
  ClientClosedRequestError,
  DependencyUnavailableError,
  PermissionDeniedError,
} from './api-error';
import { mapError } from './error-response';

const map = (error: unknown) => mapError(error, 'corr-1', 1024);

describe(mapError.name, () => {
  it('should answer a QueryError with 400 and its own code and message', () => {
    const error = new QueryError('ERROR_OPERATOR_VALUE_TYPE', 'Parameter is invalid. (key = x)');
    expect(map(error)).toEqual({
      status: 400,
      body: {
        error: { code: 'ERROR_OPERATOR_VALUE_TYPE', message: 'Parameter is invalid. (key = x)' },
      },
      unexpected: false,
    });
  });

  it.each<[string, Error, number, string]>([
    ['no key', new AuthenticateFailureError(), 401, 'ERROR_AUTHENTICATE_FAILURE'],
    ['a foreign domain', new PermissionDeniedError('d2'), 403, 'ERROR_PERMISSION_DENIED'],
    [
      'Elasticsearch down',
      new DependencyUnavailableError('Elasticsearch'),
      503,
      'ERROR_UNAVAILABLE',
    ],
    ['an unknown route', new NotFoundException('Cannot GET /x'), 404, 'ERROR_NOT_FOUND'],
    ['a client gone', new ClientClosedRequestError(), 499, 'ERROR_CLIENT_CLOSED_REQUEST'],
  ])('should answer %s with its status and code', (_name, error, status, code) => {
    const sut = map(error);
    expect(sut.status).toBe(status);
    expect(sut.body.error.code).toBe(code);
    expect(sut.unexpected).toBe(false);
  });

  it.each([
    [
      'a body over the limit',
      { type: 'entity.too.large' },
      413,
      'ERROR_PAYLOAD_TOO_LARGE',
      /1024 bytes/,
    ],
    [
      'a body that is not JSON',
      { type: 'entity.parse.failed' },
      400,
      'ERROR_INVALID_PARAMETER',
      /not valid JSON/,
    ],
    [
      'an unsupported encoding',
      { type: 'encoding.unsupported' },
      400,
      'ERROR_INVALID_PARAMETER',
      /encoding/,
    ],
    [
      'an unsupported charset',
      { type: 'charset.unsupported', charset: 'latin1', status: 415, expose: true },
      400,
      'ERROR_INVALID_PARAMETER',
      /key = content-type, charset = latin1/,
    ],
    [
      'an unknown content encoding',
      { type: 'encoding.unsupported', encoding: 'zstd-x', status: 415, expose: true },
      400,
      'ERROR_INVALID_PARAMETER',
      /key = content-encoding, encoding = zstd-x/,
    ],
    [
      'a client that went away mid-body (not a malformed body)',
      { type: 'request.aborted', code: 'ECONNABORTED', status: 400, expose: true },
      499,
      'ERROR_CLIENT_CLOSED_REQUEST',
      /client closed the request/,
    ],
    [
      'a compressed body that does not inflate (a zlib error made a 400)',
      { code: 'Z_DATA_ERROR', errno: -3, status: 400, statusCode: 400, expose: true },
      400,
      'ERROR_INVALID_PARAMETER',
      /could not be read\. \(reason = parser\)/,
    ],
  ])('should answer the body parser failing on %s', (_name, error, status, code, message) => {
    const sut = map(Object.assign(new Error('parser'), error));
    expect(sut.status).toBe(status);
    expect(sut.body.error.code).toBe(code);
    expect(sut.body.error.message).toMatch(message);
  });

  it("should not take a server-side http error (5xx) for the client's mistake", () => {
    const sut = map(Object.assign(new Error('boom'), { status: 500, expose: false }));
    expect(sut.status).toBe(500);
    expect(sut.unexpected).toBe(true);
  });

  it('should answer anything else as an unexpected 500 that hides internals but gives the correlation id', () => {
    const sut = map(new TypeError('secret internal detail'));
    expect(sut).toEqual({
      status: 500,
      body: {
        error: {
          code: 'ERROR_UNKNOWN',
          message: 'Internal error; quote correlation id corr-1 when reporting it.',
          correlation_id: 'corr-1',
        },
      },
      unexpected: true,
    });
  });
});
