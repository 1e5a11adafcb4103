import { aRawEventMessage, aWirePayload } from '@app/testing/projection';
import {
  decodeEventMessage,
  type DecodedEvent,
  type RawEventMessage,
} from './event-message.decoder';

const options = { maxValueBytes: 1024 * 1024 };
const decode = (message: RawEventMessage, opts = options): DecodedEvent =>
  decodeEventMessage(message, opts);
const reasonOf = (payload: unknown, key?: string | Buffer | null): string => {
  const result = decode(aRawEventMessage(payload, { key }));
  return result.ok ? 'OK' : result.reason;
};

describe(`${decodeEventMessage.name} (dead-letter reasons)`, () => {
  describe('one test per DLQ reason', () => {
    it('should report TOO_LARGE for a value over maxValueBytes', () => {
      const message = aRawEventMessage(aWirePayload());
      const result = decode(message, { maxValueBytes: (message.value?.length ?? 0) - 1 });
      expect(result.ok ? 'OK' : result.reason).toBe('TOO_LARGE');
    });

    it('should report INVALID_JSON for bytes that are not UTF-8', () => {
      expect(reasonOf(Buffer.from([0xc3, 0x28]))).toBe('INVALID_JSON');
    });

    it('should report INVALID_JSON for text that is not JSON', () => {
      expect(reasonOf(Buffer.from('{event_id: 1}'))).toBe('INVALID_JSON');
    });

    it('should report INVALID_JSON for a null value', () => {
      const result = decode({ key: Buffer.from('job-task-1'), value: null });
      expect(result.ok ? 'OK' : result.reason).toBe('INVALID_JSON');
    });

    it('should report NOT_AN_OBJECT for a JSON array', () => {
      expect(reasonOf([aWirePayload()])).toBe('NOT_AN_OBJECT');
    });

    it.each(['event_id', 'event_type', 'occurred_at', 'domain_id', 'job_task_id'])(
      'should report MISSING_FIELD when %s is absent or null',
      (field) => {
        expect(reasonOf({ ...aWirePayload(), [field]: undefined }, 'job-task-1')).toBe(
          'MISSING_FIELD',
        );
        expect(reasonOf({ ...aWirePayload(), [field]: null }, 'job-task-1')).toBe('MISSING_FIELD');
      },
    );

    it('should report MISSING_FIELD for created without data.job_id, or without data at all', () => {
      expect(
        reasonOf({ ...aWirePayload(), event_type: 'job_task.created', data: { project_id: 'p' } }),
      ).toBe('MISSING_FIELD');
      expect(reasonOf({ ...aWirePayload(), event_type: 'job_task.created', data: undefined })).toBe(
        'MISSING_FIELD',
      );
    });

    it('should report MISSING_FIELD for an ErrorInfo without message', () => {
      expect(
        reasonOf({
          ...aWirePayload(),
          event_type: 'job_task.failed',
          data: { errors: [{ error_code: 'E' }] },
        }),
      ).toBe('MISSING_FIELD');
    });

    it.each([
      ['a numeric event_id', { event_id: 1 }],
      ['an empty event_id', { event_id: '' }],
      ['an empty domain_id', { domain_id: '' }],
      ['an object occurred_at', { occurred_at: { at: 1 } }],
      ['a numeric event_type', { event_type: 3 }],
      ['a string sequence', { sequence: '2' }],
      ['a negative sequence', { sequence: -1 }],
      ['a fractional sequence', { sequence: 1.5 }],
      ['data that is a string', { data: 'x' }],
      ['data that is an array', { data: [] }],
    ])('should report INVALID_FIELD for %s', (_case, patch) => {
      expect(reasonOf({ ...aWirePayload(), ...patch })).toBe('INVALID_FIELD');
    });

    it.each([
      ['an empty job_id', 'job_task.created', { job_id: '' }],
      ['a count given as the string "3"', 'job_task.resource_succeeded', { count: '3' }],
      ['a total given as a string', 'job_task.succeeded', { success_count: '3' }],
      [
        'an ErrorInfo additional that is an array',
        'job_task.resource_failed',
        { error: { error_code: 'E', message: 'm', additional: [] } },
      ],
      [
        'errors that is an object',
        'job_task.failed',
        { errors: { error_code: 'E', message: 'm' } },
      ],
      ['a null element in errors', 'job_task.failed', { errors: [null] }],
      ['a numeric provider', 'job_task.created', { job_id: 'j', provider: 1 }],
    ])('should report INVALID_FIELD for %s', (_case, event_type, data) => {
      expect(reasonOf({ ...aWirePayload(), event_type, data })).toBe('INVALID_FIELD');
    });

    it('should report UNKNOWN_EVENT_TYPE for a type outside the six', () => {
      expect(reasonOf({ ...aWirePayload(), event_type: 'job_task.cancelled' })).toBe(
        'UNKNOWN_EVENT_TYPE',
      );
    });

    it.each(['2026-11-28T10:00:00', '2026-11-28 10:00', '2026-13-01T00:00:00Z', 'yesterday'])(
      'should report INVALID_TIMESTAMP for occurred_at %j',
      (occurred_at) => {
        expect(reasonOf({ ...aWirePayload(), occurred_at })).toBe('INVALID_TIMESTAMP');
      },
    );

    it('should report KEY_MISMATCH for a key that differs from job_task_id', () => {
      expect(reasonOf(aWirePayload(), 'job-task-2')).toBe('KEY_MISMATCH');
    });

    it('should report KEY_MISMATCH for a missing key', () => {
      expect(reasonOf(aWirePayload(), null)).toBe('KEY_MISMATCH');
    });

    it.each([
      ['count 2.5', 'job_task.resource_succeeded', { count: 2.5 }],
      ['count 0', 'job_task.resource_failed', { count: 0 }],
      ['count -1', 'job_task.resource_succeeded', { count: -1 }],
      ['a total of -1', 'job_task.succeeded', { failure_count: -1 }],
      ['a fractional total', 'job_task.failed', { success_count: 0.5 }],
      ['a count beyond 2^53', 'job_task.resource_succeeded', { count: 2 ** 60 }],
    ])('should report INVALID_COUNT for %s', (_case, event_type, data) => {
      expect(reasonOf({ ...aWirePayload(), event_type, data })).toBe('INVALID_COUNT');
    });

    it('should accept a total of 0', () => {
      expect(
        reasonOf({
          ...aWirePayload(),
          event_type: 'job_task.succeeded',
          data: { success_count: 0 },
        }),
      ).toBe('OK');
    });
  });

  describe('precedence when several reasons apply', () => {
    it.each([
      ['TOO_LARGE over INVALID_JSON', Buffer.from('x'.repeat(2000)), null, 'TOO_LARGE'],
      [
        'MISSING_FIELD over INVALID_FIELD',
        { ...aWirePayload(), event_id: undefined, domain_id: 5 },
        null,
        'MISSING_FIELD',
      ],
      [
        'a missing data field over an invalid envelope field',
        { ...aWirePayload(), event_type: 'job_task.created', data: {}, sequence: 'x' },
        null,
        'MISSING_FIELD',
      ],
      [
        'INVALID_FIELD over UNKNOWN_EVENT_TYPE',
        { ...aWirePayload(), event_type: 'nope', event_id: '' },
        null,
        'INVALID_FIELD',
      ],
      [
        'UNKNOWN_EVENT_TYPE over INVALID_TIMESTAMP',
        { ...aWirePayload(), event_type: 'nope', occurred_at: 'x' },
        null,
        'UNKNOWN_EVENT_TYPE',
      ],
      [
        'INVALID_TIMESTAMP over KEY_MISMATCH',
        { ...aWirePayload(), occurred_at: 'x' },
        'other',
        'INVALID_TIMESTAMP',
      ],
      [
        'KEY_MISMATCH over INVALID_COUNT',
        { ...aWirePayload(), event_type: 'job_task.resource_succeeded', data: { count: 0 } },
        'other',
        'KEY_MISMATCH',
      ],
      [
        'INVALID_FIELD ("3") over INVALID_COUNT (2.5)',
        {
          ...aWirePayload(),
          event_type: 'job_task.failed',
          data: { success_count: '3', failure_count: 2.5 },
        },
        undefined,
        'INVALID_FIELD',
      ],
      [
        'MISSING_FIELD of job_task_id over KEY_MISMATCH of a missing key',
        { ...aWirePayload(), job_task_id: undefined },
        null,
        'MISSING_FIELD',
      ],
    ] as const)('should report %s', (_case, payload, key, expected) => {
      const options = { maxValueBytes: 1000 };
      const message = aRawEventMessage(payload, { key: key === null ? undefined : key });
      const result = decodeEventMessage(message, options);
      expect(result.ok ? 'OK' : result.reason).toBe(expected);
    });
  });
});
