import { randomUUID } from 'node:crypto';
import type { SourceMessage } from '../../src/core/projection.types';

/** An event as an emitter would send it; override any envelope field or the data. */
export function wireEvent(
  eventType: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const defaults: Record<string, Record<string, unknown> | undefined> = {
    'job_task.created': { job_id: 'job-1', provider: 'aws' },
    'job_task.resource_succeeded': { count: 1 },
    'job_task.resource_failed': { count: 1, error: { error_code: 'E1', message: 'boom' } },
  };
  return {
    event_id: randomUUID(),
    event_type: eventType,
    occurred_at: '2026-11-28T10:00:00.000Z',
    domain_id: 'domain-1',
    job_task_id: 'task-1',
    sequence: 0,
    ...(defaults[eventType] && { data: defaults[eventType] }),
    ...overrides,
  };
}

let nextOffset = 0;

/** A consumed record carrying `value` as JSON (or raw bytes), keyed by its job_task_id unless told otherwise. */
export function sourceMessage(
  value: unknown,
  options: { partition?: number; offset?: number; key?: string | null; topic?: string } = {},
): SourceMessage {
  const bytes = Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value), 'utf8');
  const defaultKey =
    typeof value === 'object' && value !== null && !Buffer.isBuffer(value)
      ? (value as { job_task_id?: unknown }).job_task_id
      : undefined;
  const key = options.key === undefined ? defaultKey : options.key;
  return {
    topic: options.topic ?? 'events',
    partition: options.partition ?? 0,
    offset: options.offset ?? nextOffset++,
    key: typeof key === 'string' ? Buffer.from(key, 'utf8') : null,
    value: bytes,
  };
}
