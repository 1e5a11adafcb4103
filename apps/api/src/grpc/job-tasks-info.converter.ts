import type { JobTasksInfo, StatResult } from '@app/query';
import type {
  ErrorInfoMessage,
  JobTaskInfoMessage,
  JobTasksInfoMessage,
  StructMessage,
} from './job-task.messages';
import { compact } from './proto3-fields';
import { jsonToStruct } from './struct-value.converter';
import { isoToTimestamp } from './timestamp.converter';

const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;
const count = (value: unknown): number | undefined =>
  typeof value === 'number' ? value : undefined;
const timestamp = (value: unknown) =>
  typeof value === 'string' ? isoToTimestamp(value) : undefined;
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function toErrorInfoMessage(error: unknown): ErrorInfoMessage {
  const raw = isObject(error) ? error : {};
  return compact({
    error_code: text(raw.error_code),
    message: text(raw.message),
    additional: jsonToStruct(isObject(raw.additional) ? raw.additional : {}),
  });
}

/**
 * One JSON result (all fields, or exactly those of `only`) → JobTaskInfo. A null has no proto3
 * form, so it is left unset; the client sees the field's default, as with any SpaceONE server.
 */
export function toJobTaskInfoMessage(info: Record<string, unknown>): JobTaskInfoMessage {
  return compact({
    job_task_id: text(info.job_task_id),
    status: text(info.status),
    success_count: count(info.success_count),
    failure_count: count(info.failure_count),
    errors: Array.isArray(info.errors) ? info.errors.map(toErrorInfoMessage) : undefined,
    job_id: text(info.job_id),
    secret_id: text(info.secret_id),
    provider: text(info.provider),
    service_account_id: text(info.service_account_id),
    project_id: text(info.project_id),
    domain_id: text(info.domain_id),
    created_at: timestamp(info.created_at),
    started_at: timestamp(info.started_at),
    finished_at: timestamp(info.finished_at),
  });
}

export function toJobTasksInfoMessage(answer: JobTasksInfo): JobTasksInfoMessage {
  return { results: answer.results.map(toJobTaskInfoMessage), total_count: answer.total_count };
}

/** stat answers are free-form rows, so they travel as a google.protobuf.Struct. */
export function toStatStruct(answer: StatResult): StructMessage {
  return jsonToStruct({ ...answer });
}
