import type { ErrorInfo } from '../job-task-document';
import { errorInfoSchema } from './event-payload.schema';
import { isJobTaskEventType, type JobTaskEvent } from './job-task-event.types';
import { normaliseOccurredAt } from './occurred-at.parser';

/*
 * The hot path of decoding: one pass over an event that is valid, building the same event the zod schemas
 * (`event-payload.schema.ts`, the schema of record) would. It never rejects: anything it does not recognise as
 * plainly valid returns null, and the caller runs the full schema, which finds the reason. So this path can only
 * accept what zod accepts — `canonical-event.fast-path.property.spec.ts` checks that it accepts exactly that, with
 * the same event — and the dead-letter reasons stay zod's. It saves the schema passes, the issue lists and the
 * closures of the general path for the ~all events that are fine.
 */

const keyText = new TextDecoder('utf-8', { fatal: true });

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isId = (value: unknown): value is string => typeof value === 'string' && value !== '';
const isCount = (value: unknown, min: number): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= min;

/** `undefined` when the value is not plainly valid (the caller then falls back to the schema). */
function optionalText(value: unknown): string | null | undefined {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : undefined;
}

function count(value: unknown): number | undefined {
  if (value === undefined || value === null) return 1;
  return isCount(value, 1) ? value : undefined;
}

function total(value: unknown): number | null | undefined {
  if (value === undefined || value === null) return null;
  // + 0 folds JSON's -0 into 0, as the schema does.
  return isCount(value, 0) ? value + 0 : undefined;
}

function errorInfo(value: unknown): ErrorInfo | undefined {
  if (!isObject(value)) return undefined;
  const { error_code, message, additional } = value;
  if (typeof error_code !== 'string' || typeof message !== 'string') return undefined;
  if (additional === undefined || additional === null)
    return { error_code, message, additional: {} };
  // A record with arbitrary keys (`__proto__` included) is the schema's business, as is its exact copy.
  const parsed = errorInfoSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

function errorList(value: unknown): ErrorInfo[] | undefined {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return undefined;
  const errors: ErrorInfo[] = [];
  for (const item of value) {
    const error = errorInfo(item);
    if (error === undefined) return undefined;
    errors.push(error);
  }
  return errors;
}

type Data = JobTaskEvent['data'];

function dataOf(type: JobTaskEvent['event_type'], raw: unknown): Data | undefined {
  const data = raw ?? {};
  if (!isObject(data)) return undefined;
  switch (type) {
    case 'job_task.created': {
      if (!isId(data.job_id)) return undefined;
      const project_id = optionalText(data.project_id);
      const provider = optionalText(data.provider);
      const secret_id = optionalText(data.secret_id);
      const service_account_id = optionalText(data.service_account_id);
      if ([project_id, provider, secret_id, service_account_id].includes(undefined))
        return undefined;
      return {
        job_id: data.job_id,
        project_id: project_id!,
        provider: provider!,
        secret_id: secret_id!,
        service_account_id: service_account_id!,
      };
    }
    case 'job_task.started':
      return {};
    case 'job_task.resource_succeeded': {
      const n = count(data.count);
      return n === undefined ? undefined : { count: n };
    }
    case 'job_task.resource_failed': {
      const n = count(data.count);
      const error = data.error === undefined || data.error === null ? null : errorInfo(data.error);
      return n === undefined || error === undefined ? undefined : { count: n, error };
    }
    case 'job_task.succeeded':
    case 'job_task.failed': {
      const success_count = total(data.success_count);
      const failure_count = total(data.failure_count);
      if (success_count === undefined || failure_count === undefined) return undefined;
      if (type === 'job_task.succeeded') return { success_count, failure_count };
      const errors = errorList(data.errors);
      return errors === undefined ? undefined : { success_count, failure_count, errors };
    }
    default:
      return undefined;
  }
}

function keyMatches(key: Buffer | null, jobTaskId: string): boolean {
  if (key === null) return false;
  if (asciiBytesEqual(key, jobTaskId)) return true;
  try {
    return keyText.decode(key) === jobTaskId;
  } catch {
    return false;
  }
}

/**
 * Whether `key` holds exactly the ASCII text `text`, compared byte by byte without decoding a string per message. Any
 * other text (or a byte that differs) answers false and the caller decodes, so this only ever adds matches UTF-8
 * decoding would also find: bytes below 0x80 are valid UTF-8 and each is the character of the same code.
 */
function asciiBytesEqual(key: Buffer, text: string): boolean {
  if (key.length !== text.length) return false;
  for (let i = 0; i < text.length; i += 1) {
    const byte = key[i];
    if (byte === undefined || byte >= 0x80 || byte !== text.charCodeAt(i)) return false;
  }
  return true;
}

/** The event when `object` (a parsed message value) is plainly valid; otherwise null, never a reason. */
export function canonicalEvent(object: Json, key: Buffer | null): JobTaskEvent | null {
  const {
    event_id,
    event_type,
    occurred_at,
    domain_id,
    job_task_id,
    sequence: rawSequence,
  } = object;
  if (!isId(event_id) || !isId(domain_id) || !isId(job_task_id)) return null;
  if (typeof event_type !== 'string' || !isJobTaskEventType(event_type)) return null;
  if (typeof occurred_at !== 'string') return null;
  const sequence = rawSequence === undefined || rawSequence === null ? 0 : rawSequence;
  if (!isCount(sequence, 0)) return null;
  if (!keyMatches(key, job_task_id)) return null;
  const normalised = normaliseOccurredAt(occurred_at);
  if (normalised === null) return null;
  const data = dataOf(event_type, object.data);
  if (data === undefined) return null;
  return {
    event_id,
    occurred_at: normalised,
    domain_id,
    job_task_id,
    sequence: sequence + 0,
    event_type,
    data,
  } as JobTaskEvent;
}
