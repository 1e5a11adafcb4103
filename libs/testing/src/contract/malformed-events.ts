import type { DlqReason } from '@app/domain';
import { aRawEventMessage, aWirePayload } from '../projection/event-message.factory';

/** One family of bad input the projector dead-letters, as the raw record it would receive. */
export interface MalformedFamily {
  name: string;
  reason: DlqReason;
  key: Buffer | null;
  value: Buffer | null;
}

const family = (
  name: string,
  reason: DlqReason,
  payload: unknown,
  key?: string | Buffer | null,
): MalformedFamily => ({ name, reason, ...aRawEventMessage(payload, { key }) });
const withData = (event_type: string, data: unknown) => ({ ...aWirePayload(), event_type, data });

/**
 * Every kind of malformed record, one or more per DLQ reason, for checks that must cover them all (the published
 * JSON Schema, the emitter). The decoder's own tests pin the reason of each; a consumer test should too, so that a
 * family whose reason changes is noticed.
 */
export const MALFORMED_FAMILIES: readonly MalformedFamily[] = [
  family('a value over the size limit', 'TOO_LARGE', { ...aWirePayload(), pad: 'x'.repeat(2_000) }),
  family('bytes that are not UTF-8', 'INVALID_JSON', Buffer.from([0xc3, 0x28])),
  family('text that is not JSON', 'INVALID_JSON', Buffer.from('{event_id: 1}')),
  { name: 'a tombstone', reason: 'INVALID_JSON', key: Buffer.from('job-task-1'), value: null },
  family('a JSON array', 'NOT_AN_OBJECT', [aWirePayload()]),
  family('a JSON string', 'NOT_AN_OBJECT', 'text'),
  family('JSON null', 'NOT_AN_OBJECT', null, 'job-task-1'),
  ...(['event_id', 'event_type', 'occurred_at', 'domain_id', 'job_task_id'] as const).flatMap(
    (field) => [
      family(
        `no ${field}`,
        'MISSING_FIELD',
        { ...aWirePayload(), [field]: undefined },
        'job-task-1',
      ),
      family(
        `a null ${field}`,
        'MISSING_FIELD',
        { ...aWirePayload(), [field]: null },
        'job-task-1',
      ),
    ],
  ),
  family('created without data', 'MISSING_FIELD', withData('job_task.created', undefined)),
  family('created with null data', 'MISSING_FIELD', withData('job_task.created', null)),
  family(
    'created without job_id',
    'MISSING_FIELD',
    withData('job_task.created', { provider: 'p' }),
  ),
  family(
    'an ErrorInfo without message',
    'MISSING_FIELD',
    withData('job_task.failed', { errors: [{ error_code: 'E' }] }),
  ),
  family(
    'a null ErrorInfo error_code',
    'MISSING_FIELD',
    withData('job_task.resource_failed', { error: { error_code: null, message: 'm' } }),
  ),
  family('a numeric event_id', 'INVALID_FIELD', { ...aWirePayload(), event_id: 1 }),
  family('an empty event_id', 'INVALID_FIELD', { ...aWirePayload(), event_id: '' }),
  family('an empty domain_id', 'INVALID_FIELD', { ...aWirePayload(), domain_id: '' }),
  family('an object occurred_at', 'INVALID_FIELD', { ...aWirePayload(), occurred_at: { at: 1 } }),
  family('an epoch-number occurred_at', 'INVALID_FIELD', {
    ...aWirePayload(),
    occurred_at: 1764324001,
  }),
  family('a numeric event_type', 'INVALID_FIELD', { ...aWirePayload(), event_type: 3 }),
  family('a string sequence', 'INVALID_FIELD', { ...aWirePayload(), sequence: '2' }),
  family('a negative sequence', 'INVALID_FIELD', { ...aWirePayload(), sequence: -1 }),
  family('a fractional sequence', 'INVALID_FIELD', { ...aWirePayload(), sequence: 1.5 }),
  family('data that is a string', 'INVALID_FIELD', { ...aWirePayload(), data: 'x' }),
  family('data that is an array', 'INVALID_FIELD', { ...aWirePayload(), data: [] }),
  family('an empty job_id', 'INVALID_FIELD', withData('job_task.created', { job_id: '' })),
  family(
    'a numeric provider',
    'INVALID_FIELD',
    withData('job_task.created', { job_id: 'j', provider: 1 }),
  ),
  family(
    'a count given as "3"',
    'INVALID_FIELD',
    withData('job_task.resource_succeeded', { count: '3' }),
  ),
  family('a boolean count', 'INVALID_FIELD', withData('job_task.resource_failed', { count: true })),
  family(
    'a total given as a string',
    'INVALID_FIELD',
    withData('job_task.succeeded', { success_count: '3' }),
  ),
  family(
    'an array ErrorInfo additional',
    'INVALID_FIELD',
    withData('job_task.resource_failed', {
      error: { error_code: 'E', message: 'm', additional: [] },
    }),
  ),
  family(
    'errors that is an object',
    'INVALID_FIELD',
    withData('job_task.failed', { errors: { error_code: 'E', message: 'm' } }),
  ),
  family(
    'a null element in errors',
    'INVALID_FIELD',
    withData('job_task.failed', { errors: [null] }),
  ),
  family('an unknown event_type', 'UNKNOWN_EVENT_TYPE', {
    ...aWirePayload(),
    event_type: 'job_task.cancelled',
  }),
  family('an event_type in the wrong case', 'UNKNOWN_EVENT_TYPE', {
    ...aWirePayload(),
    event_type: 'JOB_TASK.STARTED',
  }),
  ...[
    '2026-11-28T10:00:01',
    '2026-11-28 10:00:00Z',
    '2026-11-28T10:00Z',
    '2026-11-28T19:00:01+0900',
    '2026-13-01T00:00:00Z',
    '2026-04-31T00:00:00Z',
    '2026-02-29T00:00:00Z',
    '2026-11-28T24:00:00Z',
    '2026-11-28T10:60:00Z',
    '2026-12-31T23:59:60Z',
    '1764324001',
    'yesterday',
    '0000-01-01T00:00:00+01:00',
  ].map((occurred_at) =>
    family(`occurred_at ${JSON.stringify(occurred_at)}`, 'INVALID_TIMESTAMP', {
      ...aWirePayload(),
      occurred_at,
    }),
  ),
  family('a key that differs from job_task_id', 'KEY_MISMATCH', aWirePayload(), 'job-task-2'),
  family('no key', 'KEY_MISMATCH', aWirePayload(), null),
  family('a key that is not UTF-8', 'KEY_MISMATCH', aWirePayload(), Buffer.from([0xff, 0xfe])),
  family('count 2.5', 'INVALID_COUNT', withData('job_task.resource_succeeded', { count: 2.5 })),
  family('count 0', 'INVALID_COUNT', withData('job_task.resource_failed', { count: 0 })),
  family('count -1', 'INVALID_COUNT', withData('job_task.resource_succeeded', { count: -1 })),
  family('a total of -1', 'INVALID_COUNT', withData('job_task.succeeded', { failure_count: -1 })),
  family(
    'a fractional total',
    'INVALID_COUNT',
    withData('job_task.failed', { success_count: 0.5 }),
  ),
  family(
    'a count beyond 2^53',
    'INVALID_COUNT',
    withData('job_task.resource_succeeded', { count: 2 ** 60 }),
  ),
];

/** The size limit under which MALFORMED_FAMILIES' TOO_LARGE family is too large and every other one is not. */
export const MALFORMED_FAMILIES_MAX_BYTES = 1_024;
