import { z } from 'zod';
import type { ErrorInfo } from '../job-task-document';
import type { JobTaskEventType, JobTaskStartedData } from './job-task-event.types';

/*
 * Wire schemas. They check JSON types, presence and ranges, and resolve defaults; the event type, the timestamp
 * and the message key are checked by dedicated functions so that each maps onto exactly one DLQ reason. Optional
 * fields accept `null` as "absent" because many JSON emitters serialise unset fields that way. Unknown keys are
 * stripped.
 */

/** Names of the fields whose numeric range errors are reported as INVALID_COUNT rather than INVALID_FIELD. */
export const COUNT_FIELDS: ReadonlySet<string> = new Set([
  'count',
  'success_count',
  'failure_count',
]);

// JSON `-0` is a valid integer ≥ 0; folding it into 0 keeps documents equal under Object.is and jest's toEqual.
const withoutNegativeZero = (n: number): number => n + 0;

const id = z.string().min(1);
const optionalText = z
  .string()
  .nullish()
  .transform((text) => text ?? null);
const count = z
  .number()
  .int()
  .min(1)
  .nullish()
  .transform((n) => n ?? 1);
const total = z
  .number()
  .int()
  .min(0)
  .nullish()
  .transform((n) => (n === undefined || n === null ? null : withoutNegativeZero(n)));

export const errorInfoSchema = z
  .object({
    error_code: z.string(),
    message: z.string(),
    additional: z.record(z.string(), z.unknown()).nullish(),
  })
  .transform((error): ErrorInfo => ({
    error_code: error.error_code,
    message: error.message,
    additional: error.additional ?? {},
  }));

/** `data` is validated separately, by the schema of the event type (see `dataSchemas`). */
export const envelopeSchema = z.object({
  event_id: id,
  event_type: z.string(),
  occurred_at: z.string(),
  domain_id: id,
  job_task_id: id,
  sequence: z
    .number()
    .int()
    .min(0)
    .nullish()
    .transform((n) => (n === undefined || n === null ? 0 : withoutNegativeZero(n))),
});

/** Applied to `data ?? {}`: an omitted `data` is an empty one, so `created` without it misses `data.job_id`. */
export const dataSchemas = {
  'job_task.created': z.object({
    job_id: id,
    project_id: optionalText,
    provider: optionalText,
    secret_id: optionalText,
    service_account_id: optionalText,
  }),
  'job_task.started': z.object({}).transform((): JobTaskStartedData => ({})),
  'job_task.resource_succeeded': z.object({ count }),
  'job_task.resource_failed': z.object({
    count,
    error: errorInfoSchema.nullish().transform((error) => error ?? null),
  }),
  'job_task.succeeded': z.object({ success_count: total, failure_count: total }),
  'job_task.failed': z.object({
    success_count: total,
    failure_count: total,
    errors: z
      .array(errorInfoSchema)
      .nullish()
      .transform((errors) => errors ?? []),
  }),
} as const satisfies Record<JobTaskEventType, z.ZodType>;
