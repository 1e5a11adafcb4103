import type { JobTaskEvent } from '../events/job-task-event.types';
import type { JobTaskDocument } from '../job-task-document';
import { EmptyProjectionError } from './projection.errors';
import { documentFromFacts, factsFromDocument } from './task-facts.codec';
import {
  assertSameTask,
  emptyFacts,
  hasEvent,
  joinEvent,
  joinFacts,
  type TaskFacts,
} from './task-facts.model';

export interface ProjectionResult {
  document: JobTaskDocument;
  /** The distinct events new to this document, in input order; empty means there is nothing to write. */
  applied: JobTaskEvent[];
  /** Events whose event_id was already in `current` or earlier in the batch. */
  duplicates: JobTaskEvent[];
}

/**
 * Folds a batch of one task's events into its current document. The result depends only on the set of distinct
 * event_ids in `current` and `events`: any order, duplication or batching gives the same document.
 */
export function projectJobTask(
  current: JobTaskDocument | null,
  events: readonly JobTaskEvent[],
): ProjectionResult {
  const task = current ?? events[0];
  if (task === undefined) throw new EmptyProjectionError();
  events.forEach((event) => assertSameTask(task, event));

  const facts = current === null ? emptyFacts(task) : factsFromDocument(current);
  const applied: JobTaskEvent[] = [];
  const duplicates: JobTaskEvent[] = [];
  for (const event of events) {
    if (hasEvent(facts, event.event_id)) {
      duplicates.push(event);
    } else {
      joinEvent(facts, event);
      applied.push(event);
    }
  }
  return { document: documentFromFacts(facts), applied, duplicates };
}

/**
 * Joins two documents of the same task, as if all events behind both had been projected at once (e.g. to
 * reconcile two replicas of a rebuild). Commutative, associative and idempotent.
 */
export function mergeJobTaskDocuments(a: JobTaskDocument, b: JobTaskDocument): JobTaskDocument {
  assertSameTask(a, b);
  const facts: TaskFacts = joinFacts(factsFromDocument(a), factsFromDocument(b));
  return documentFromFacts(facts);
}
