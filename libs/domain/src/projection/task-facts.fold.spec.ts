import fc from 'fast-check';
import { deliveryArb, stored } from '@app/testing/projection';
import type { JobTaskEvent } from '../events/job-task-event.types';
import type { JobTaskDocument } from '../job-task-document';
import { projectJobTask } from './job-task.projection';
import { documentFromFacts } from './task-facts.codec';
import { combineFacts, foldEvent, joinWindowFacts } from './task-facts.fold';
import { emptyFacts, joinEvent, joinFacts, type TaskFacts } from './task-facts.model';

const RUNS = { numRuns: 300 };

/** Folds a window's events as the projector does on ingest; also counts the distinct ids it took. */
function foldWindow(events: readonly JobTaskEvent[]): TaskFacts {
  let facts: TaskFacts | null = null;
  for (const event of events) facts = foldEvent(facts, event).facts;
  if (facts === null) throw new Error('empty window');
  return facts;
}

describe(joinWindowFacts.name, () => {
  it('should equal projectJobTask over all events when windows are folded apart and joined with the stored document', () => {
    fc.assert(
      fc.property(deliveryArb(), ({ events, batches }) => {
        let current: JobTaskDocument | null = null;
        let applied = 0;
        for (const batch of batches.filter((b) => b.length > 0)) {
          const sut = joinWindowFacts(current, foldWindow(batch));
          applied += sut.applied;
          current = stored(sut.document);
        }
        const once = projectJobTask(null, events);
        expect(current).toEqual(stored(once.document));
        expect(applied).toBe(new Set(events.map((e) => e.event_id)).size);
      }),
      RUNS,
    );
  });

  it('should apply nothing and return the stored document when the window only repeats its events', () => {
    fc.assert(
      fc.property(deliveryArb(), ({ events, arrival }) => {
        const current = stored(projectJobTask(null, events).document);
        const sut = joinWindowFacts(current, foldWindow(arrival));
        expect(sut.applied).toBe(0);
        expect(sut.document).toEqual(current);
      }),
      RUNS,
    );
  });

  it('should leave the window facts unchanged, so a conflict retry can join them again', () => {
    fc.assert(
      fc.property(deliveryArb(), ({ events, batches }) => {
        const [first, ...rest] = batches.filter((b) => b.length > 0);
        if (first === undefined) return;
        const window = foldWindow(rest.flat().length > 0 ? rest.flat() : first);
        const current = stored(projectJobTask(null, first).document);
        const once = JSON.stringify(joinWindowFacts(current, window).document);
        expect(JSON.stringify(joinWindowFacts(current, window).document)).toBe(once);
        expect(events.length).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });
});

describe(foldEvent.name, () => {
  it('should report a repeated event_id as not added and refuse another task', () => {
    const [event] = fc.sample(deliveryArb(), { numRuns: 1, seed: 3 })[0]!.events;
    const { facts } = foldEvent(null, event!);
    expect(foldEvent(facts, event!).added).toBe(false);
    expect(() => foldEvent(facts, { ...event!, job_task_id: 'someone-else' })).toThrow();
  });
});

describe(combineFacts.name, () => {
  it('should join pieces folded apart into the facts of all their events, leaving every piece unchanged', () => {
    fc.assert(
      fc.property(deliveryArb(), ({ events, batches }) => {
        const pieces = batches.filter((b) => b.length > 0).map(foldWindow);
        const before = pieces.map((p) => documentFromFacts(p));

        const sut = joinWindowFacts(null, combineFacts(pieces));

        expect(stored(sut.document)).toEqual(stored(projectJobTask(null, events).document));
        expect(pieces.map((p) => documentFromFacts(p))).toEqual(before);
      }),
      RUNS,
    );
  });
});

describe(joinEvent.name, () => {
  it('should fold each event into non-empty facts exactly as joinFacts joins the facts of that event alone', () => {
    fc.assert(
      fc.property(deliveryArb(), ({ arrival }) => {
        const [first] = arrival;
        if (first === undefined) return;
        let sut = emptyFacts(first);
        let viaJoin = emptyFacts(first);
        for (const event of arrival) {
          sut = joinEvent(sut, event);
          viaJoin = joinFacts(viaJoin, joinEvent(emptyFacts(event), event));
        }
        expect(JSON.stringify(documentFromFacts(sut))).toBe(
          JSON.stringify(documentFromFacts(viaJoin)),
        );
      }),
      RUNS,
    );
  });
});
