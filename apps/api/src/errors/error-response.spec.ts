import { QueryError } from '@app/query';
import { NotFoundException } from '@nestjs/common';
import {
  AuthenticateFailureError,
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
  ])('should answer the body parser failing on %s', (_name, error, status, code, message) => {
    const sut = map(Object.assign(new Error('parser'), error));
    expect(sut.status).toBe(status);
    expect(sut.body.error.code).toBe(code);
    expect(sut.body.error.message).toMatch(message);
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
