import { type Deadline, status as GrpcCode } from '@grpc/grpc-js';
import { QueryError } from '@app/query';
import { ApiError, type ApiErrorCode } from '../errors/api-error';

export interface GrpcErrorStatus {
  code: GrpcCode;
  /** SpaceONE's wire format for gRPC errors: "<ERROR_CODE>: <message>". */
  details: string;
  /** A bug rather than a refusal: log it in full, tell the client nothing but the correlation id. */
  unexpected: boolean;
}

// A Record (not a switch) so that a new ApiErrorCode does not compile until it has a gRPC status.
const GRPC_CODE_OF: Readonly<Record<ApiErrorCode, GrpcCode>> = {
  ERROR_INVALID_PARAMETER: GrpcCode.INVALID_ARGUMENT,
  ERROR_AUTHENTICATE_FAILURE: GrpcCode.UNAUTHENTICATED,
  ERROR_PERMISSION_DENIED: GrpcCode.PERMISSION_DENIED,
  ERROR_UNAVAILABLE: GrpcCode.UNAVAILABLE,
  // Raised only by the HTTP body parser and router; grpc-js enforces its own message size limit.
  ERROR_PAYLOAD_TOO_LARGE: GrpcCode.RESOURCE_EXHAUSTED,
  ERROR_NOT_FOUND: GrpcCode.NOT_FOUND,
  // Never reaches the client (it has gone); it is what the metrics record when the call cannot tell more.
  ERROR_CLIENT_CLOSED_REQUEST: GrpcCode.CANCELLED,
};

/** The gRPC counterpart of mapError (errors/error-response.ts): which status a failure becomes. */
export function toGrpcStatus(error: unknown, correlationId: string): GrpcErrorStatus {
  if (error instanceof QueryError) {
    return refusal(GrpcCode.INVALID_ARGUMENT, error.code, error.message);
  }
  if (error instanceof ApiError)
    return refusal(GRPC_CODE_OF[error.code], error.code, error.message);
  return {
    code: GrpcCode.INTERNAL,
    details: `ERROR_UNKNOWN: Internal error; quote correlation id ${correlationId} when reporting it.`,
    unexpected: true,
  };
}

function refusal(code: GrpcCode, errorCode: string, message: string): GrpcErrorStatus {
  return { code, details: `${errorCode}: ${message}`, unexpected: false };
}

/** What `abandonedCallCode` reads of the grpc-js call Nest passes a handler third. */
export interface AbandonableCall {
  readonly cancelled: boolean;
  getDeadline(): Deadline;
}

/*
 * grpc-js's deadline timer and our clock reading may disagree by a tick or so; a client cancelling
 * within this much of its own deadline is told apart from it by nobody.
 */
const DEADLINE_SLACK_MS = 5;

/**
 * The status of a call whose client will never read our answer, or undefined while it still waits.
 * grpc-js marks the call cancelled both when its deadline passes (having answered DEADLINE_EXCEEDED
 * itself) and when the client cancels or its connection goes, so the deadline tells them apart.
 */
export function abandonedCallCode(call: AbandonableCall | undefined): GrpcCode | undefined {
  if (call?.cancelled !== true) return undefined;
  const deadline = typeof call.getDeadline === 'function' ? call.getDeadline() : Infinity;
  const ms = deadline instanceof Date ? deadline.getTime() : deadline;
  return Number.isFinite(ms) && Date.now() >= ms - DEADLINE_SLACK_MS
    ? GrpcCode.DEADLINE_EXCEEDED
    : GrpcCode.CANCELLED;
}
