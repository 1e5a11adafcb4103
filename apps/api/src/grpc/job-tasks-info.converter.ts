import type { JobTasksInfo, StatResult } from '@app/query';
import type {
  ErrorInfoMessage,
  JobTaskInfoMessage,
  JobTasksInfoMessage,
  StructMessage,
} from './job-task.messages';
import { assertStructFits } from './message-depth.guard';
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

// JobTasksInfo (level 0) → JobTaskInfo → ErrorInfo → its `additional` Struct.
const ADDITIONAL_LEVEL = 3;

function toErrorInfoMessage(error: unknown, where: string): ErrorInfoMessage {
  const raw = isObject(error) ? error : {};
  const additional = isObject(raw.additional) ? raw.additional : {};
  assertStructFits(additional, ADDITIONAL_LEVEL, `${where}.additional`);
  return compact({
    error_code: text(raw.error_code),
    message: text(raw.message),
    additional: jsonToStruct(additional),
  });
}

/**
 * One JSON result (all fields, or exactly those of `only`) → JobTaskInfo. A null has no proto3
 * form, so it is left unset; the client sees the field's default, as with any SpaceONE server.
 */
export function toJobTaskInfoMessage(
  info: Record<string, unknown>,
  where = 'the task',
): JobTaskInfoMessage {
  return compact({
    job_task_id: text(info.job_task_id),
    status: text(info.status),
    success_count: count(info.success_count),
    failure_count: count(info.failure_count),
    errors: Array.isArray(info.errors)
      ? info.errors.map((error, i) => toErrorInfoMessage(error, `${where} errors[${i}]`))
      : undefined,
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
  const results = answer.results.map((info, i) =>
    toJobTaskInfoMessage(info, `results[${i}] (job_task_id ${String(info.job_task_id)})`),
  );
  return { results, total_count: answer.total_count };
}

/** stat answers are free-form rows, so they travel as a google.protobuf.Struct. */
export function toStatStruct(answer: StatResult): StructMessage {
  const json = { ...answer };
  assertStructFits(json, 0, 'the stat answer');
  return jsonToStruct(json);
}
