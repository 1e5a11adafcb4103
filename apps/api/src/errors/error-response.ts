import { QueryError } from '@app/query';
import { HttpException } from '@nestjs/common';
import {
  ApiError,
  ClientClosedRequestError,
  MalformedRequestError,
  PayloadTooLargeError,
  RouteNotFoundError,
} from './api-error';

export interface ErrorBody {
  error: { code: string; message: string; correlation_id?: string };
}

export interface MappedError {
  status: number;
  body: ErrorBody;
  /** Unexpected errors are bugs: logged in full, answered without internals. */
  unexpected: boolean;
}

/** The one place that decides which status and code a failure becomes. */
export function mapError(error: unknown, correlationId: string, maxBodyBytes: number): MappedError {
  const known = toKnownError(error, maxBodyBytes);
  if (known instanceof QueryError) {
    return {
      status: 400,
      body: { error: { code: known.code, message: known.message } },
      unexpected: false,
    };
  }
  if (known instanceof ApiError) {
    return {
      status: known.status,
      body: { error: { code: known.code, message: known.message } },
      unexpected: false,
    };
  }
  return {
    status: 500,
    body: {
      error: {
        code: 'ERROR_UNKNOWN',
        message: `Internal error; quote correlation id ${correlationId} when reporting it.`,
        correlation_id: correlationId,
      },
    },
    unexpected: true,
  };
}

/** What body-parser (through http-errors) puts on the errors it passes on. */
interface BodyParserFailure {
  type?: unknown;
  status?: unknown;
  expose?: unknown;
  charset?: unknown;
  encoding?: unknown;
  message?: unknown;
}

function toKnownError(error: unknown, maxBodyBytes: number): unknown {
  if (error instanceof QueryError || error instanceof ApiError) return error;
  const failure = (error ?? {}) as BodyParserFailure;
  if (failure.type === 'entity.too.large') return new PayloadTooLargeError(maxBodyBytes);
  // The client went away while sending its body: not a malformed body, and nobody reads the answer.
  if (failure.type === 'request.aborted') return new ClientClosedRequestError(error);
  if (failure.type === 'entity.parse.failed') {
    return new MalformedRequestError('The request body is not valid JSON.');
  }
  if (failure.type === 'charset.unsupported') {
    return new MalformedRequestError(
      `The request body charset is not supported; send UTF-8. (key = content-type, charset = ${String(failure.charset)})`,
    );
  }
  if (typeof failure.type === 'string' && failure.type.startsWith('encoding.')) {
    return new MalformedRequestError(
      `The request body encoding is not supported. (key = content-encoding, encoding = ${String(failure.encoding)})`,
    );
  }
  // Any other failure to read the body (a gzip or brotli body that does not inflate, say) is one
  // body-parser marks as the client's (a 4xx http-error): the client sent it, so it is a 400.
  if (isClientBodyFailure(failure)) {
    return new MalformedRequestError(
      `The request body could not be read. (reason = ${String(failure.message)})`,
    );
  }
  if (error instanceof HttpException && error.getStatus() === 404) {
    return new RouteNotFoundError(error.message);
  }
  return error;
}

function isClientBodyFailure(failure: BodyParserFailure): boolean {
  return (
    failure.expose === true &&
    typeof failure.status === 'number' &&
    failure.status >= 400 &&
    failure.status < 500
  );
}
