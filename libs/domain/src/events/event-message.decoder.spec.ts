import {
  aCreatedEvent,
  aFailedEvent,
  aRawEventMessage,
  aResourceFailedEvent,
  aResourceSucceededEvent,
  aStartedEvent,
  aWirePayload,
  aSucceededEvent,
  anErrorInfo,
  toWirePayload,
} from '@app/testing/projection';
import type { JobTaskEvent } from './job-task-event.types';
import {
  decodeEventMessage,
  type DecodedEvent,
  type RawEventMessage,
} from './event-message.decoder';

const options = { maxValueBytes: 1024 * 1024 };
const decode = (message: RawEventMessage, opts = options): DecodedEvent =>
  decodeEventMessage(message, opts);

describe(decodeEventMessage.name, () => {
  describe('valid events', () => {
    it.each<[string, JobTaskEvent]>([
      ['created', aCreatedEvent({ sequence: 1 })],
      ['started', aStartedEvent({ sequence: 2 })],
      ['resource_succeeded', aResourceSucceededEvent({ data: { count: 3 } })],
      [
        'resource_failed',
        aResourceFailedEvent({ data: { count: 2, error: anErrorInfo({ additional: { a: 1 } }) } }),
      ],
      ['succeeded', aSucceededEvent({ data: { success_count: 10, failure_count: 0 } })],
      [
        'failed',
        aFailedEvent({ data: { success_count: null, failure_count: 4, errors: [anErrorInfo()] } }),
      ],
    ])('should decode a %s event unchanged', (_type, event) => {
      expect(decode(aRawEventMessage(toWirePayload(event)))).toEqual({ ok: true, event });
    });

    it('should apply defaults when optional fields are absent', () => {
      const minimal = (event_type: string, data?: unknown) => ({
        ...aWirePayload(),
        sequence: undefined,
        event_type,
        data,
      });
      expect(eventOf(minimal('job_task.created', { job_id: 'job-1' })).data).toEqual({
        job_id: 'job-1',
        project_id: null,
        provider: null,
        secret_id: null,
        service_account_id: null,
      });
      expect(eventOf(minimal('job_task.started')).data).toEqual({});
      expect(eventOf(minimal('job_task.resource_succeeded')).data).toEqual({ count: 1 });
      expect(eventOf(minimal('job_task.resource_failed', {})).data).toEqual({
        count: 1,
        error: null,
      });
      expect(eventOf(minimal('job_task.succeeded')).data).toEqual({
        success_count: null,
        failure_count: null,
      });
      expect(eventOf(minimal('job_task.failed')).data).toEqual({
        success_count: null,
        failure_count: null,
        errors: [],
      });
      expect(eventOf(minimal('job_task.started')).sequence).toBe(0);
    });

    it('should treat null optional fields as absent', () => {
      const event = eventOf({
        ...aWirePayload(),
        event_type: 'job_task.resource_failed',
        sequence: null,
        data: { count: null, error: { error_code: 'E', message: 'm', additional: null } },
      });
      expect(event).toMatchObject({
        sequence: 0,
        data: { count: 1, error: { error_code: 'E', message: 'm', additional: {} } },
      });
    });

    it('should ignore unknown fields in the envelope, data and ErrorInfo', () => {
      const event = eventOf({
        ...aWirePayload(),
        event_type: 'job_task.failed',
        trace_id: 'x',
        data: { errors: [{ error_code: 'E', message: 'm', severity: 'high' }], extra: true },
      });
      expect(event).not.toHaveProperty('trace_id');
      expect(event.data).toEqual({
        success_count: null,
        failure_count: null,
        errors: [{ error_code: 'E', message: 'm', additional: {} }],
      });
    });

    it('should normalise occurred_at to UTC milliseconds, truncating sub-millisecond digits', () => {
      expect(
        eventOf({ ...aWirePayload(), occurred_at: '2026-11-28T19:00:01.2509+09:00' }).occurred_at,
      ).toBe('2026-11-28T10:00:01.250Z');
    });

    it('should accept a JSON -0 as sequence 0', () => {
      const message = aRawEventMessage(
        Buffer.from(JSON.stringify(aWirePayload()).replace('"sequence":3', '"sequence":-0')),
        { key: 'job-task-1' },
      );
      const result = decode(message);
      expect(result.ok && Object.is(result.event.sequence, 0)).toBe(true);
    });
  });

  it('should name the offending field in the message', () => {
    const result = decode(
      aRawEventMessage({
        ...aWirePayload(),
        event_type: 'job_task.failed',
        data: { errors: [{ error_code: 'E' }] },
      }),
    );
    expect(result.ok ? '' : result.message).toMatch(/^data\.errors\[0\]\.message: /);
  });

  it('should never throw, whatever the bytes', () => {
    const samples = [
      '{"__proto__":{"event_id":"x"}}',
      '['.repeat(100_000),
      '{"data":{"errors":[' + '{}'.repeat(3) + ']}}',
      '"\\ud800"',
      '1e400',
    ];
    for (const sample of samples) {
      expect(() => decode({ key: null, value: Buffer.from(sample) })).not.toThrow();
    }
  });
});

function eventOf(payload: Record<string, unknown>): JobTaskEvent {
  const result = decode(aRawEventMessage(payload));
  if (!result.ok)
    throw new Error(`expected a valid event, got ${result.reason}: ${result.message}`);
  return result.event;
}
