import { status } from '@grpc/grpc-js';
import type { ServiceError } from '@grpc/grpc-js';
import type { JobTasksInfoMessage, StructMessage } from '../../src/grpc/job-task.messages';
import { structToJson } from '../../src/grpc/struct-value.converter';
import { timestampToIso } from '../../src/grpc/timestamp.converter';

type Json = Record<string, unknown>;

/**
 * What of a list answer survives proto3: a null, '', 0, false, [] or the zero enum is not on the
 * wire, so both transports are compared with those left out. Struct contents (`additional`) keep
 * every value, as a Struct carries them all.
 */
const isProto3Default = (value: unknown): boolean =>
  value === null ||
  value === undefined ||
  value === '' ||
  value === 0 ||
  value === false ||
  value === 'JOB_TASK_STATE_NONE' ||
  (Array.isArray(value) && value.length === 0);

function withoutDefaults(record: Json): Json {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => !isProto3Default(v)));
}

function errorView(error: Json, additional: unknown): Json {
  return { ...withoutDefaults({ ...error, additional: undefined }), additional };
}

export interface ListView {
  total_count: number;
  results: Json[];
}

export function restListView(body: { results: Json[]; total_count: number }): ListView {
  return {
    total_count: body.total_count,
    results: body.results.map((r) =>
      withoutDefaults({
        ...r,
        errors: (r.errors as Json[] | undefined)?.map((e) => errorView(e, e.additional)),
      }),
    ),
  };
}

export function grpcListView(message: JobTasksInfoMessage): ListView {
  return {
    total_count: message.total_count ?? 0,
    results: (message.results ?? []).map((r) =>
      withoutDefaults({
        ...r,
        created_at: timestampToIso(r.created_at),
        started_at: timestampToIso(r.started_at),
        finished_at: timestampToIso(r.finished_at),
        errors: r.errors?.map((e) => errorView({ ...e }, structToJson(e.additional))),
      }),
    ),
  };
}

export const grpcStatView = (message: StructMessage): Json => structToJson(message);

const GRPC_CODE_OF_HTTP: Readonly<Record<number, status>> = {
  400: status.INVALID_ARGUMENT,
  401: status.UNAUTHENTICATED,
  403: status.PERMISSION_DENIED,
  503: status.UNAVAILABLE,
  500: status.INTERNAL,
};

export interface ErrorView {
  code: status | undefined;
  details: string;
}

export function restErrorView(httpStatus: number, body: Json): ErrorView {
  const error = body.error as { code: string; message: string };
  return { code: GRPC_CODE_OF_HTTP[httpStatus], details: `${error.code}: ${error.message}` };
}

export const grpcErrorView = (error: ServiceError): ErrorView => ({
  code: error.code,
  details: error.details,
});
