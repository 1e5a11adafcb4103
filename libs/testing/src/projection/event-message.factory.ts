import type { JobTaskEvent, RawEventMessage } from '@app/domain';

/** The JSON an emitter would send for an event (the decoder's output is a valid input). */
export function toWirePayload(event: JobTaskEvent): Record<string, unknown> {
  return JSON.parse(JSON.stringify(event)) as Record<string, unknown>;
}

export interface MessageOptions {
  /** Defaults to the payload's `job_task_id` when it is a string, as a well-behaved producer keys it. */
  key?: string | Buffer | null;
}

/** A Kafka message carrying `payload` as JSON; pass a Buffer to send raw bytes. */
export function aRawEventMessage(payload: unknown, options: MessageOptions = {}): RawEventMessage {
  const value = Buffer.isBuffer(payload) ? payload : Buffer.from(JSON.stringify(payload), 'utf8');
  const defaultKey =
    isRecord(payload) && typeof payload.job_task_id === 'string' ? payload.job_task_id : null;
  const key = options.key === undefined ? defaultKey : options.key;
  return { key: typeof key === 'string' ? Buffer.from(key, 'utf8') : key, value };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A valid wire payload (a `started` event of task `job-task-1`) to patch into invalid ones. */
export function aWirePayload(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    event_id: 'event-1',
    event_type: 'job_task.started',
    occurred_at: '2026-11-28T10:00:01.250Z',
    domain_id: 'domain-1',
    job_task_id: 'job-task-1',
    sequence: 3,
    ...overrides,
  };
}
