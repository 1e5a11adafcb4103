import fc from 'fast-check';
import type { ErrorInfo, JobTaskEvent } from '@app/domain';
import { TEST_TASK } from './job-task-event.factory';

/*
 * fast-check generators for one task's events. Times, sequences and ids come from small pools so that ties on
 * occurred_at and sequence are common, and ids include keys that trip naive object handling.
 */

const TIMES = [
  '2026-11-28T10:00:00.000Z',
  '2026-11-28T10:00:00.001Z',
  '2026-11-28T10:00:01.000Z',
  '2026-11-28T11:00:00.000Z',
];
const TRICKY_IDS = ['__proto__', 'constructor', 'toString', '10', '9', 'é', 'a:b', ''];

const eventIdArb = fc.oneof(
  fc.constantFrom(...TRICKY_IDS.filter((id) => id !== '')),
  fc.string({ minLength: 1, maxLength: 6 }),
);
const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const totalArb = nullable(fc.integer({ min: 0, max: 20 }));
const countArb = fc.integer({ min: 1, max: 3 });
const errorInfoArb: fc.Arbitrary<ErrorInfo> = fc.record({
  error_code: fc.constantFrom('E_AUTH', 'E_TIMEOUT', 'E_QUOTA'),
  message: fc.string({ maxLength: 8 }),
  additional: fc.oneof(fc.constant({}), fc.record({ region: fc.constantFrom('us', 'eu') })),
});

type Envelope = Omit<JobTaskEvent, 'event_type' | 'data'>;

function eventArb(event_id: string): fc.Arbitrary<JobTaskEvent> {
  const envelope: fc.Arbitrary<Envelope> = fc.record({
    event_id: fc.constant(event_id),
    occurred_at: fc.constantFrom(...TIMES),
    domain_id: fc.constant(TEST_TASK.domain_id),
    job_task_id: fc.constant(TEST_TASK.job_task_id),
    sequence: fc.integer({ min: 0, max: 3 }),
  });
  return fc.oneof(
    fc
      .tuple(
        envelope,
        fc.record({
          job_id: fc.constantFrom('job-1', 'job-2'),
          project_id: nullable(fc.constantFrom('p-1', 'p-2')),
          provider: nullable(fc.constantFrom('aws', 'gcp')),
          secret_id: nullable(fc.constant('s-1')),
          service_account_id: nullable(fc.constant('sa-1')),
        }),
      )
      .map(([e, data]): JobTaskEvent => ({ ...e, event_type: 'job_task.created', data })),
    envelope.map((e): JobTaskEvent => ({ ...e, event_type: 'job_task.started', data: {} })),
    fc.tuple(envelope, countArb).map(([e, count]): JobTaskEvent => ({
      ...e,
      event_type: 'job_task.resource_succeeded',
      data: { count },
    })),
    fc.tuple(envelope, countArb, nullable(errorInfoArb)).map(([e, count, error]): JobTaskEvent => ({
      ...e,
      event_type: 'job_task.resource_failed',
      data: { count, error },
    })),
    fc
      .tuple(envelope, totalArb, totalArb)
      .map(([e, success_count, failure_count]): JobTaskEvent => ({
        ...e,
        event_type: 'job_task.succeeded',
        data: { success_count, failure_count },
      })),
    fc
      .tuple(envelope, totalArb, totalArb, fc.array(errorInfoArb, { maxLength: 2 }))
      .map(([e, success_count, failure_count, errors]): JobTaskEvent => ({
        ...e,
        event_type: 'job_task.failed',
        data: { success_count, failure_count, errors },
      })),
  );
}

/** Distinct events (unique event_ids) of the test task. */
export function jobTaskEventsArb(maxLength = 20): fc.Arbitrary<JobTaskEvent[]> {
  return fc
    .uniqueArray(eventIdArb, { minLength: 1, maxLength })
    .chain((ids) => fc.tuple(...ids.map((id) => eventArb(id))));
}

export interface Delivery {
  events: JobTaskEvent[];
  /** The same events, shuffled, some delivered more than once. */
  arrival: JobTaskEvent[];
  /** Batch sizes that split `arrival`, in order. */
  batches: JobTaskEvent[][];
}

/** A set of events and one way Kafka might deliver it: any order, with redeliveries, in any batching. */
export function deliveryArb(maxLength = 20): fc.Arbitrary<Delivery> {
  return jobTaskEventsArb(maxLength).chain((events) =>
    fc
      .tuple(
        fc.array(fc.constantFrom(...events), { maxLength: 6 }),
        fc.infiniteStream(fc.integer({ min: 1, max: 8 })),
      )
      .chain(([redelivered, sizes]) => {
        const all = [...events, ...redelivered];
        return fc
          .shuffledSubarray(all, { minLength: all.length, maxLength: all.length })
          .map((arrival) => ({
            events,
            arrival,
            batches: splitIntoBatches(arrival, sizes),
          }));
      }),
  );
}

function splitIntoBatches<T>(items: T[], sizes: fc.Stream<number>): T[][] {
  const batches: T[][] = [];
  const iterator = sizes[Symbol.iterator]();
  for (let start = 0; start < items.length;) {
    const size = (iterator.next().value as number | undefined) ?? items.length;
    batches.push(items.slice(start, start + size));
    start += size;
  }
  return batches;
}
