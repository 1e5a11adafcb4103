import { QueryError } from '@app/query';
import { HttpException } from '@nestjs/common';
import {
  ApiError,
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

function toKnownError(error: unknown, maxBodyBytes: number): unknown {
  if (error instanceof QueryError || error instanceof ApiError) return error;
  const bodyParserType = (error as { type?: unknown } | null)?.type;
  if (bodyParserType === 'entity.too.large') return new PayloadTooLargeError(maxBodyBytes);
  if (bodyParserType === 'entity.parse.failed') {
    return new MalformedRequestError('The request body is not valid JSON.');
  }
  if (typeof bodyParserType === 'string' && bodyParserType.startsWith('encoding.')) {
    return new MalformedRequestError('The request body encoding is not supported.');
  }
  if (error instanceof HttpException && error.getStatus() === 404) {
    return new RouteNotFoundError(error.message);
  }
  return error;
}
