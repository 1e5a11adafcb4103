import fc from 'fast-check';
import { canonicalEvent } from './canonical-event.fast-path';
import { decodeEventMessage, decodeEventObject } from './event-message.decoder';
import { JOB_TASK_EVENT_TYPES } from './job-task-event.types';
import { isCanonicalUtc, normaliseOccurredAt, parseOccurredAt } from './occurred-at.parser';

/*
 * The fast paths must be invisible: for any input, the decoder answers exactly what the general path (the zod
 * schemas of record plus the field checks) answers — the same event, or the same dead-letter reason and message.
 * The inputs are drawn near the boundary: valid events with one field mutated into something plausible but wrong.
 */

const pick = <T>(...values: T[]) => fc.constantFrom(...values);

const timestamp = fc.oneof(
  fc
    .date({
      min: new Date(Date.UTC(0, 0, 1)),
      max: new Date(Date.UTC(9999, 11, 31)),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString()),
  pick(
    '2026-11-28T10:00:01.250Z',
    '2026-02-29T10:00:00.000Z',
    '2028-02-29T23:59:59.999Z',
    '2026-04-31T10:00:00.000Z',
    '2026-13-01T10:00:00.000Z',
    '2026-11-28T24:00:00.000Z',
    '2026-11-28T10:60:00.000Z',
    '2026-11-28T10:00:60.000Z',
    '2026-11-28t10:00:00.000z',
    '2026-11-28T10:00:00.000+09:00',
    '2026-11-28T10:00:00Z',
    '2026-11-28T10:00:00.1234Z',
    '2026-11-28 10:00:00.000Z',
    '2026-11-28T10:00:00.000',
    '0000-01-01T00:00:00.000Z',
    '+02026-11-28T10:00:00.000Z',
    '2026-11-28T1a:00:00.000Z',
  ),
  fc.string({ minLength: 24, maxLength: 24 }),
);

const text = fc.oneof(fc.string({ maxLength: 6 }), pick('', '__proto__', 'a:b', '\uD800'));
const looseValue = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.integer({ min: -2, max: 5 }),
  pick<unknown>(2.5, -0, 2 ** 53, '3', true, [], {}),
  text,
);
/** Mostly `valid`, sometimes any plausible JSON value: most draws sit on one side of the boundary or the other. */
const mostly = <T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 12, arbitrary: valid }, { weight: 1, arbitrary: looseValue });
const id = fc.string({ minLength: 1, maxLength: 6 });
const errorInfo = fc.record(
  {
    error_code: mostly(id),
    message: mostly(fc.string({ maxLength: 6 })),
    additional: mostly(
      fc.oneof(
        fc.constant(undefined),
        fc.dictionary(text, fc.integer()),
        pick<unknown>(JSON.parse('{"__proto__":1}')),
      ),
    ),
  },
  { requiredKeys: [] },
);

const data = fc.record(
  {
    job_id: mostly(id),
    project_id: mostly(fc.option(id)),
    provider: mostly(fc.option(id)),
    count: mostly(fc.option(fc.integer({ min: 1, max: 5 }))),
    success_count: mostly(fc.option(fc.integer({ min: 0, max: 5 }))),
    failure_count: mostly(fc.option(fc.integer({ min: 0, max: 5 }))),
    error: mostly(fc.option(errorInfo)),
    errors: mostly(fc.option(fc.array(mostly(errorInfo), { maxLength: 3 }))),
  },
  { requiredKeys: ['job_id'] },
);

const message = fc
  .record(
    {
      event_id: mostly(id),
      event_type: mostly(pick(...JOB_TASK_EVENT_TYPES)),
      occurred_at: mostly(timestamp),
      domain_id: mostly(id),
      job_task_id: mostly(id),
      sequence: mostly(fc.option(fc.integer({ min: 0, max: 9 }))),
      data: mostly(fc.option(data)),
    },
    { requiredKeys: ['event_id', 'event_type', 'occurred_at', 'domain_id', 'job_task_id'] },
  )
  .chain((object) =>
    fc
      .oneof(
        {
          weight: 8,
          arbitrary: fc.constant(typeof object.job_task_id === 'string' ? object.job_task_id : 'k'),
        },
        { weight: 1, arbitrary: text },
        { weight: 1, arbitrary: fc.constant(null) },
      )
      .map((key) => ({ object, key: key === null ? null : Buffer.from(key, 'utf8') })),
  );

describe(canonicalEvent.name, () => {
  it('should decode exactly as the general path: the same event, or the same reason and message', () => {
    let fastAccepted = 0;
    fc.assert(
      fc.property(message, ({ object, key }) => {
        if (canonicalEvent(object, key) !== null) fastAccepted += 1;
        const value = Buffer.from(JSON.stringify(object), 'utf8');
        const parsed = JSON.parse(value.toString('utf8')) as Record<string, unknown>;
        expect(decodeEventMessage({ key, value }, { maxValueBytes: 1 << 20 })).toEqual(
          decodeEventObject(parsed, key),
        );
      }),
      { numRuns: 3_000 },
    );
    // The draw must reach both sides of the boundary, or the property says little.
    expect(fastAccepted).toBeGreaterThan(30);
  });

  it('should match the message key to job_task_id exactly when its bytes decode as UTF-8 to it', () => {
    const utf8 = new TextDecoder('utf-8', { fatal: true });
    const decodesTo = (key: Buffer, text: string): boolean => {
      try {
        return utf8.decode(key) === text;
      } catch {
        return false;
      }
    };
    const jobTaskId = fc.oneof(
      fc.string({ minLength: 1, maxLength: 8 }),
      fc.string({ minLength: 1, maxLength: 8, unit: 'binary' }),
      pick('é', 'tâche-1', '\u00ff', '😀', 'a\u0000b'),
    );
    // The id's own bytes, the same text in Latin-1 (equal length and codes, not UTF-8), one byte changed, any bytes.
    const keyFor = (id: string) =>
      fc.oneof(
        fc.constant(Buffer.from(id, 'utf8')),
        fc.constant(Buffer.from(id, 'latin1')),
        fc.nat().map((n) => {
          const bytes = Buffer.from(id, 'utf8');
          const at = n % bytes.length;
          bytes[at] = (bytes[at] ?? 0) ^ (1 << (n % 8));
          return bytes;
        }),
        fc.uint8Array({ maxLength: 8 }).map((bytes) => Buffer.from(bytes)),
      );
    const started = jobTaskId.chain((id) => keyFor(id).map((key) => ({ id, key })));
    fc.assert(
      fc.property(started, ({ id, key }) => {
        const object = {
          event_id: 'e1',
          event_type: 'job_task.started',
          occurred_at: '2026-11-28T10:00:01.250Z',
          domain_id: 'd',
          job_task_id: id,
        };
        expect(canonicalEvent(object, key) !== null).toBe(decodesTo(key, id));
      }),
      { numRuns: 3_000 },
    );
  });

  it('should take the fast path for the plain events most emitters send', () => {
    const object = {
      event_id: 'e1',
      event_type: 'job_task.resource_failed',
      occurred_at: '2026-11-28T10:00:01.250Z',
      domain_id: 'd',
      job_task_id: 't',
      data: { count: 2, error: { error_code: 'E', message: 'm', additional: { a: 1 } } },
    };
    const general = decodeEventObject(object, Buffer.from('t'));

    expect(general.ok).toBe(true);
    expect(canonicalEvent(object, Buffer.from('t'))).toEqual(general.ok && general.event);
  });
});

describe(isCanonicalUtc.name, () => {
  it('should only short-cut strings the general parser returns unchanged', () => {
    fc.assert(
      fc.property(timestamp, (t) => {
        expect(normaliseOccurredAt(t)).toBe(parseOccurredAt(t));
        if (isCanonicalUtc(t)) expect(parseOccurredAt(t)).toBe(t);
      }),
      { numRuns: 5_000 },
    );
  });
});
