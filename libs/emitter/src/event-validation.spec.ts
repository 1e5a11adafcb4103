import { EventRejectedError } from './emitter.errors';
import { toEventRecord } from './event-validation';
import { JobTaskEvents } from './job-task-events.builder';

const t = () => new JobTaskEvents({ domainId: 'domain-1', jobTaskId: 'job-task-1' });
const rejection = (payload: unknown, maxBytes?: number): EventRejectedError => {
  try {
    toEventRecord(payload, maxBytes, 3);
  } catch (error) {
    if (error instanceof EventRejectedError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
};

describe(toEventRecord.name, () => {
  it('should key the record by job_task_id and send the exact JSON that was validated', () => {
    const event = t().resourceSucceeded({ count: 2 });
    const record = toEventRecord(event);
    expect(record.key.toString()).toBe('job-task-1');
    expect(JSON.parse(record.value.toString())).toEqual(event);
    expect(record.decoded.data).toEqual({ count: 2 });
  });

  it.each([
    ['TOO_LARGE', { ...t().started(), padding: 'x'.repeat(600) }, 500],
    ['NOT_AN_OBJECT', ['x'], undefined],
    ['MISSING_FIELD', { ...t().started(), occurred_at: null }, undefined],
    ['INVALID_FIELD', { ...t().resourceSucceeded(), data: { count: '3' } }, undefined],
    ['UNKNOWN_EVENT_TYPE', { ...t().started(), event_type: 'job_task.cancelled' }, undefined],
    ['INVALID_TIMESTAMP', { ...t().started(), occurred_at: '2026-11-28 10:00:00Z' }, undefined],
    ['INVALID_COUNT', t().resourceSucceeded({ count: 0 }), undefined],
  ] as const)(
    'should refuse with the reason the projector would dead-letter under: %s',
    (reason, payload, max) => {
      const error = rejection(payload, max);
      expect(error).toMatchObject({ code: 'EMITTER.EVENT_REJECTED', reason, index: 3 });
      expect(error.message).toContain(reason);
    },
  );

  it('should name the field in the message, as dlq.message would', () => {
    expect(
      rejection({ ...t().failed(), data: { errors: [{ error_code: 'E' }] } }).detail,
    ).toContain('data.errors[0].message');
  });

  it('should refuse a value JSON cannot carry', () => {
    expect(rejection(undefined).reason).toBe('INVALID_JSON');
  });

  it('should refuse a BigInt or a cycle with a coded error, not a TypeError', () => {
    const cyclic: Record<string, unknown> = { ...t().started() };
    cyclic.data = { self: cyclic };
    for (const payload of [{ ...t().started(), sequence: 1n }, cyclic]) {
      expect(rejection(payload)).toMatchObject({ reason: 'INVALID_JSON', index: 3 });
    }
  });
});
