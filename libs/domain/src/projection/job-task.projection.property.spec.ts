import fc from 'fast-check';
import {
  deliveryArb,
  jobTaskEventsArb,
  publicView,
  stored,
  TEST_TASK,
} from '@app/testing/projection';
import type { JobTaskEvent } from '../events/job-task-event.types';
import type { ErrorInfo, JobTaskDocument, JobTaskInfo } from '../job-task-document';
import { mergeJobTaskDocuments, projectJobTask } from './job-task.projection';

const RUNS = { numRuns: 300 };

describe(`${projectJobTask.name} (properties)`, () => {
  it('should match a naive reading of projection rules 1–6 for any delivery', () => {
    fc.assert(
      fc.property(deliveryArb(), ({ arrival }) => {
        expect(publicView(projectJobTask(null, arrival).document)).toEqual(
          referenceProjection(arrival),
        );
      }),
      RUNS,
    );
  });

  it('should give the byte-identical document for every order and duplication of the same events', () => {
    fc.assert(
      fc.property(deliveryArb(), ({ events, arrival }) => {
        const once = projectJobTask(null, events).document;
        expect(JSON.stringify(projectJobTask(null, arrival).document)).toBe(JSON.stringify(once));
      }),
      RUNS,
    );
  });

  it('should give the same document when folded batch by batch through storage', () => {
    fc.assert(
      fc.property(deliveryArb(), ({ events, batches }) => {
        const folded = batches.reduce<JobTaskDocument | null>(
          (current, batch) => stored(projectJobTask(current, batch).document),
          null,
        );
        expect(folded).toEqual(stored(projectJobTask(null, events).document));
      }),
      RUNS,
    );
  });

  it('should apply nothing and change nothing when any subset is re-applied', () => {
    fc.assert(
      fc.property(
        jobTaskEventsArb().chain((events) => fc.tuple(fc.constant(events), fc.subarray(events))),
        ([events, replay]) => {
          const current = stored(projectJobTask(null, events).document);
          const result = projectJobTask(current, replay);
          expect(result.applied).toEqual([]);
          expect(result.duplicates).toEqual(replay);
          expect(result.document).toEqual(current);
        },
      ),
      RUNS,
    );
  });

  it('should split each batch into distinct new events and already-seen ones', () => {
    fc.assert(
      fc.property(deliveryArb(), ({ batches }) => {
        const seen = new Set<string>();
        batches.reduce<JobTaskDocument | null>((current, batch) => {
          const result = projectJobTask(current, batch);
          const expectedApplied = batch.filter(
            (event) => !seen.has(event.event_id) && seen.add(event.event_id),
          );
          expect(result.applied).toEqual(expectedApplied);
          expect(result.applied.length + result.duplicates.length).toBe(batch.length);
          return stored(result.document);
        }, null);
      }),
      RUNS,
    );
  });
});

describe(`${mergeJobTaskDocuments.name} (properties)`, () => {
  const twoOverlappingSets = jobTaskEventsArb().chain((events) =>
    fc.tuple(
      fc.subarray(events, { minLength: 1 }),
      fc.subarray(events, { minLength: 1 }),
      fc.subarray(events, { minLength: 1 }),
    ),
  );
  const project = (events: JobTaskEvent[]) => stored(projectJobTask(null, events).document);

  it('should equal projecting the union of the events behind both documents', () => {
    fc.assert(
      fc.property(twoOverlappingSets, ([a, b]) => {
        expect(mergeJobTaskDocuments(project(a), project(b))).toEqual(
          projectJobTask(null, [...a, ...b]).document,
        );
      }),
      RUNS,
    );
  });

  it('should be commutative, associative and idempotent', () => {
    fc.assert(
      fc.property(twoOverlappingSets, ([a, b, c]) => {
        const [da, db, dc] = [project(a), project(b), project(c)];
        expect(mergeJobTaskDocuments(da, db)).toEqual(mergeJobTaskDocuments(db, da));
        expect(mergeJobTaskDocuments(mergeJobTaskDocuments(da, db), dc)).toEqual(
          mergeJobTaskDocuments(da, mergeJobTaskDocuments(db, dc)),
        );
        expect(mergeJobTaskDocuments(da, da)).toEqual(da);
      }),
      RUNS,
    );
  });
});

/*
 * The rules read literally, with no bookkeeping: sort the distinct events by the event order once, then take the
 * first/last/sum/flatten the rules ask for. Intentionally the simplest code that could be right.
 */
function referenceProjection(arrival: readonly JobTaskEvent[]): JobTaskInfo {
  const distinct = [...new Map(arrival.map((event) => [event.event_id, event])).values()];
  const events = distinct.sort(byEventOrder);
  const created = events.find((event) => event.event_type === 'job_task.created');
  const started = events.find((event) => event.event_type === 'job_task.started');
  const terminal = events
    .filter(
      (event) =>
        event.event_type === 'job_task.succeeded' || event.event_type === 'job_task.failed',
    )
    .pop();
  const sumOf = (type: JobTaskEvent['event_type']) =>
    events.reduce(
      (sum, event) =>
        sum + (event.event_type === type && 'count' in event.data ? event.data.count : 0),
      0,
    );
  const inProgress = events.some((event) => /started|resource_/.test(event.event_type));
  const createdData = created?.event_type === 'job_task.created' ? created.data : null;
  const totals =
    terminal?.event_type === 'job_task.succeeded' || terminal?.event_type === 'job_task.failed'
      ? terminal.data
      : null;
  return {
    job_task_id: TEST_TASK.job_task_id,
    domain_id: TEST_TASK.domain_id,
    status: terminal
      ? terminal.event_type === 'job_task.succeeded'
        ? 'SUCCESS'
        : 'FAILURE'
      : inProgress
        ? 'IN_PROGRESS'
        : created
          ? 'PENDING'
          : 'JOB_TASK_STATE_NONE',
    success_count: totals?.success_count ?? sumOf('job_task.resource_succeeded'),
    failure_count: totals?.failure_count ?? sumOf('job_task.resource_failed'),
    errors: events.flatMap(errorsOf),
    job_id: createdData?.job_id ?? null,
    secret_id: createdData?.secret_id ?? null,
    provider: createdData?.provider ?? null,
    service_account_id: createdData?.service_account_id ?? null,
    project_id: createdData?.project_id ?? null,
    created_at: created?.occurred_at ?? null,
    started_at: started?.occurred_at ?? null,
    finished_at: terminal?.occurred_at ?? null,
  };
}

function errorsOf(event: JobTaskEvent): ErrorInfo[] {
  if (event.event_type === 'job_task.failed') return event.data.errors;
  if (event.event_type === 'job_task.resource_failed' && event.data.error !== null)
    return [event.data.error];
  return [];
}

function byEventOrder(a: JobTaskEvent, b: JobTaskEvent): number {
  const text = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return (
    text(a.occurred_at, b.occurred_at) || a.sequence - b.sequence || text(a.event_id, b.event_id)
  );
}
