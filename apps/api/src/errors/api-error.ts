/**
 * Failures that are not query mistakes, each with the stable SpaceONE code and HTTP status it maps
 * to. Query mistakes are `QueryError`s from @app/query (always 400).
 */
export type ApiErrorCode =
  | 'ERROR_AUTHENTICATE_FAILURE'
  | 'ERROR_PERMISSION_DENIED'
  | 'ERROR_UNAVAILABLE'
  | 'ERROR_PAYLOAD_TOO_LARGE'
  | 'ERROR_INVALID_PARAMETER'
  | 'ERROR_NOT_FOUND'
  | 'ERROR_CLIENT_CLOSED_REQUEST';

export abstract class ApiError extends Error {
  abstract readonly code: ApiErrorCode;
  abstract readonly status: number;
}

export class AuthenticateFailureError extends ApiError {
  readonly code = 'ERROR_AUTHENTICATE_FAILURE';
  readonly status = 401;
  constructor() {
    super('A valid "Authorization: Bearer <key>" header is required.');
  }
}

export class PermissionDeniedError extends ApiError {
  readonly code = 'ERROR_PERMISSION_DENIED';
  readonly status = 403;
  constructor(domainId: string) {
    super(`This API key may not read domain "${domainId}".`);
  }
}

/** Elasticsearch did not answer (down, overloaded or timed out): the client should retry later. */
export class DependencyUnavailableError extends ApiError {
  readonly code = 'ERROR_UNAVAILABLE';
  readonly status = 503;
  constructor(dependency: string, cause?: unknown) {
    super(`${dependency} is unavailable; retry later.`, { cause });
  }
}

export class PayloadTooLargeError extends ApiError {
  readonly code = 'ERROR_PAYLOAD_TOO_LARGE';
  readonly status = 413;
  constructor(limitBytes: number) {
    super(`The request body exceeds ${limitBytes} bytes.`);
  }
}

export class MalformedRequestError extends ApiError {
  readonly code = 'ERROR_INVALID_PARAMETER';
  readonly status = 400;
}

export class RouteNotFoundError extends ApiError {
  readonly code = 'ERROR_NOT_FOUND';
  readonly status = 404;
}

/**
 * The caller went away (a REST client disconnected, a gRPC call was cancelled or passed its deadline)
 * before the answer was ready, so its searches were aborted. Nobody reads the answer: 499 as nginx
 * logs it, never a 500, and never an error log line (it is the client's choice, not our bug).
 */
export class ClientClosedRequestError extends ApiError {
  readonly code = 'ERROR_CLIENT_CLOSED_REQUEST';
  readonly status = 499;
  constructor(cause?: unknown) {
    super('The client closed the request before its answer was ready.', { cause });
  }
}
