import { JobTaskEvents } from './job-task-events.builder';
import { InvalidBuilderInputError } from './emitter.errors';
import { toEventRecord } from './event-validation';
import { uuidV7Time } from './uuid-v7';

const AT = new Date('2026-11-28T10:00:00.000Z');
const task = () => new JobTaskEvents({ domainId: 'domain-1', jobTaskId: 'job-task-1' }, () => AT);

describe(JobTaskEvents.name, () => {
  it('should build all six types with the task ids, per-task sequences and UUIDv7 event ids', () => {
    const t = task();
    const events = [
      t.created({ job_id: 'job-1', provider: 'aws' }),
      t.started(),
      t.resourceSucceeded({ count: 25 }),
      t.resourceFailed({ count: 1, error: { error_code: 'E_AUTH', message: 'denied' } }),
      t.succeeded({ success_count: 25, failure_count: 1 }),
      t.failed({ errors: [{ error_code: 'E_QUOTA', message: 'quota' }] }),
    ];
    expect(events.map((e) => [e.event_type, e.sequence])).toEqual([
      ['job_task.created', 0],
      ['job_task.started', 1],
      ['job_task.resource_succeeded', 2],
      ['job_task.resource_failed', 3],
      ['job_task.succeeded', 4],
      ['job_task.failed', 5],
    ]);
    for (const event of events) {
      expect(event).toMatchObject({
        domain_id: 'domain-1',
        job_task_id: 'job-task-1',
        occurred_at: '2026-11-28T10:00:00.000Z',
      });
      expect(uuidV7Time(event.event_id)).not.toBeNull();
      // Whatever a builder makes, the projector's decoder accepts.
      expect(toEventRecord(event).decoded.event_type).toBe(event.event_type);
    }
    expect(new Set(events.map((e) => e.event_id)).size).toBe(6);
    expect(events[1]).not.toHaveProperty('data');
  });

  it('should continue a sequence, keep a reused event id and take the given time', () => {
    const t = new JobTaskEvents({ domainId: 'd', jobTaskId: 'j', nextSequence: 7 });
    const event = t.started({ eventId: 'retry-of-42', occurredAt: '2026-11-28T19:00:01+09:00' });
    expect(event).toMatchObject({
      event_id: 'retry-of-42',
      sequence: 7,
      occurred_at: '2026-11-28T10:00:01.000Z',
    });
    expect(t.nextSequence).toBe(8);
    expect(toEventRecord(event).decoded.occurred_at).toBe(event.occurred_at);
  });

  it.each([
    ['2026-11-28T19:00:01.2509+09:00', '2026-11-28T10:00:01.250Z'],
    ['2026-11-28t10:00:01z', '2026-11-28T10:00:01.000Z'],
    ['0000-01-01T00:30:00-01:00', '0000-01-01T01:30:00.000Z'],
  ])('should send the time %s in UTC with milliseconds, as %s', (given, sent) => {
    expect(task().started({ occurredAt: given }).occurred_at).toBe(sent);
  });

  it.each([
    ['a string without a zone', '2026-11-28T10:00:01'],
    ['a string that is not a time', 'yesterday'],
    ['a string that leaves year 0000 in UTC', '0000-01-01T00:00:00+01:00'],
    ['a Date after year 9999', new Date(Date.UTC(10_000, 0, 1))],
    ['a Date before year 0000', new Date(Date.UTC(-1, 11, 31))],
  ])('should refuse %s with a coded error, using up no sequence', (_, occurredAt) => {
    const t = task();
    expect(() => t.started({ occurredAt })).toThrow(InvalidBuilderInputError);
    expect(t.nextSequence).toBe(0);
  });

  it('should refuse an invalid Date with a coded error', () => {
    expect(() => task().started({ occurredAt: new Date('nope') })).toThrow(
      expect.objectContaining({ code: 'EMITTER.INVALID_INPUT' }) as Error,
    );
    expect(() => task().started({ occurredAt: new Date(NaN) })).toThrow(InvalidBuilderInputError);
  });
});
