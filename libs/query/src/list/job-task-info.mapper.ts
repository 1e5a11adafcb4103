import { ErrorInfo, JOB_TASK_STATUSES, JobTaskInfo, JobTaskStatus } from '@app/domain';
import { JOB_TASK_INFO_FIELDS } from '../filter';
import { isPlainObject } from '../filter/parse/parse-limits';

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const count = (value: unknown): number | null => (typeof value === 'number' ? value : null);

function status(value: unknown): JobTaskStatus | null {
  return (JOB_TASK_STATUSES as readonly unknown[]).includes(value)
    ? (value as JobTaskStatus)
    : null;
}

function errorInfo(value: unknown): ErrorInfo {
  const raw = isPlainObject(value) ? value : {};
  return {
    error_code: text(raw.error_code) as string,
    message: text(raw.message) as string,
    additional: isPlainObject(raw.additional) ? raw.additional : {},
  };
}

/**
 * Stored document → public answer. Unset fields are null (api.md), even where JobTaskInfo's types
 * promise a value, so a document the projector left incomplete is shown as it is, not invented.
 * The projection's bookkeeping field is never copied.
 */
export function toJobTaskInfo(source: Record<string, unknown>): JobTaskInfo {
  return {
    job_task_id: text(source.job_task_id) as string,
    status: status(source.status) as JobTaskStatus,
    success_count: count(source.success_count) as number,
    failure_count: count(source.failure_count) as number,
    errors: Array.isArray(source.errors) ? source.errors.map(errorInfo) : [],
    job_id: text(source.job_id),
    secret_id: text(source.secret_id),
    provider: text(source.provider),
    service_account_id: text(source.service_account_id),
    project_id: text(source.project_id),
    domain_id: text(source.domain_id) as string,
    created_at: text(source.created_at),
    started_at: text(source.started_at),
    finished_at: text(source.finished_at),
  };
}

/** Exactly the requested fields, in request order; all public fields when `only` is null. */
export function projectJobTaskInfo(
  info: JobTaskInfo,
  only: readonly string[] | null,
): Record<string, unknown> {
  const fields = only ?? JOB_TASK_INFO_FIELDS;
  const record = info as unknown as Record<string, unknown>;
  return Object.fromEntries(fields.map((field) => [field, record[field] ?? null]));
}
