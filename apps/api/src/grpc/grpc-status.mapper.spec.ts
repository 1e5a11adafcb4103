import { status } from '@grpc/grpc-js';
import { QueryError } from '@app/query';
import {
  AuthenticateFailureError,
  ClientClosedRequestError,
  DependencyUnavailableError,
  MalformedRequestError,
  PayloadTooLargeError,
  PermissionDeniedError,
  RouteNotFoundError,
} from '../errors/api-error';
import { abandonedCallCode, toGrpcStatus } from './grpc-status.mapper';

describe(toGrpcStatus.name, () => {
  it.each([
    [QueryError.required('domain_id'), status.INVALID_ARGUMENT, 'ERROR_REQUIRED_PARAMETER'],
    [
      new QueryError('ERROR_OPERATOR_LIST_VALUE_TYPE', 'must be a list'),
      status.INVALID_ARGUMENT,
      'ERROR_OPERATOR_LIST_VALUE_TYPE',
    ],
    [new MalformedRequestError('bad'), status.INVALID_ARGUMENT, 'ERROR_INVALID_PARAMETER'],
    [new AuthenticateFailureError(), status.UNAUTHENTICATED, 'ERROR_AUTHENTICATE_FAILURE'],
    [new PermissionDeniedError('d2'), status.PERMISSION_DENIED, 'ERROR_PERMISSION_DENIED'],
    [new DependencyUnavailableError('Elasticsearch'), status.UNAVAILABLE, 'ERROR_UNAVAILABLE'],
    [new PayloadTooLargeError(10), status.RESOURCE_EXHAUSTED, 'ERROR_PAYLOAD_TOO_LARGE'],
    [new RouteNotFoundError('nope'), status.NOT_FOUND, 'ERROR_NOT_FOUND'],
    [new ClientClosedRequestError(), status.CANCELLED, 'ERROR_CLIENT_CLOSED_REQUEST'],
  ])('should map %p to gRPC status %i with SpaceONE details', (error, code, errorCode) => {
    expect(toGrpcStatus(error, 'cid')).toEqual({
      code,
      details: `${errorCode}: ${error.message}`,
      unexpected: false,
    });
  });

  it('should answer anything else with INTERNAL, the correlation id and no internals', () => {
    const mapped = toGrpcStatus(new TypeError('secret stack detail'), 'cid-123');
    expect(mapped.code).toBe(status.INTERNAL);
    expect(mapped.unexpected).toBe(true);
    expect(mapped.details).toMatch(/^ERROR_UNKNOWN: .*cid-123/);
    expect(mapped.details).not.toContain('secret');
  });

  it('should treat a thrown non-Error as unexpected too', () => {
    expect(toGrpcStatus('boom', 'c').code).toBe(status.INTERNAL);
  });
});

describe(abandonedCallCode.name, () => {
  const call = (cancelled: boolean, deadline: Date | number) => ({
    cancelled,
    getDeadline: () => deadline,
  });

  it('should leave a call whose client still waits alone', () => {
    expect(abandonedCallCode(call(false, Infinity))).toBeUndefined();
    expect(abandonedCallCode(call(false, new Date(Date.now() + 60_000)))).toBeUndefined();
    expect(abandonedCallCode(undefined)).toBeUndefined();
  });

  it('should call a cancelled call with its deadline passed DEADLINE_EXCEEDED', () => {
    expect(abandonedCallCode(call(true, Date.now() - 1))).toBe(status.DEADLINE_EXCEEDED);
    expect(abandonedCallCode(call(true, new Date(Date.now() - 1)))).toBe(status.DEADLINE_EXCEEDED);
  });

  it('should call a cancelled call before its deadline, or without one, CANCELLED', () => {
    expect(abandonedCallCode(call(true, Infinity))).toBe(status.CANCELLED);
    expect(abandonedCallCode(call(true, new Date(Date.now() + 60_000)))).toBe(status.CANCELLED);
  });
});
