import type { JobTaskEvent } from '../events/job-task-event.types';
import type { JobTaskDocument } from '../job-task-document';
import { documentFromFacts, factsFromDocument } from './task-facts.codec';
import {
  assertSameTask,
  emptyFacts,
  hasEvent,
  joinEvent,
  joinFacts,
  type TaskFacts,
} from './task-facts.model';

/*
 * Folding in pieces: the projector folds each event into a window's facts as it arrives and joins them with the
 * stored document only when it writes. Because the join is commutative, associative and idempotent, this gives the
 * same document as projectJobTask over all events at once (task-facts.fold.spec proves it on random splits).
 */

/** Folds `event` into `facts` (mutating them; a new facts object when null). False when its id was already there. */
export function foldEvent(
  facts: TaskFacts | null,
  event: JobTaskEvent,
): { facts: TaskFacts; added: boolean } {
  const target = facts ?? emptyFacts(event);
  assertSameTask(target.task, event);
  if (hasEvent(target, event.event_id)) return { facts: target, added: false };
  return { facts: joinEvent(target, event), added: true };
}

/** Every event_id the facts were built from. */
export function eventIdsOf(facts: TaskFacts): string[] {
  return [...facts.lifecycleIds, ...facts.resourceSucceeded.keys(), ...facts.resourceFailed.keys()];
}

/** How many event ids the facts hold (the length of eventIdsOf, without building it). */
function eventCountOf(facts: TaskFacts): number {
  return facts.lifecycleIds.size + facts.resourceSucceeded.size + facts.resourceFailed.size;
}

export interface JoinedDocument {
  document: JobTaskDocument;
  /** How many of the window's event ids the current document did not have yet; 0 means nothing to write. */
  applied: number;
}

/** One facts object for several pieces of a window (not mutated: the result is new when there is more than one). */
export function combineFacts(pieces: readonly TaskFacts[]): TaskFacts {
  const [first, ...rest] = pieces;
  if (first === undefined) throw new Error('combineFacts needs at least one piece');
  if (rest.length === 0) return first;
  const combined = joinFacts(emptyFacts(first.task), first);
  for (const piece of rest) {
    assertSameTask(combined.task, piece.task);
    joinFacts(combined, piece);
  }
  return combined;
}

/** The document of `current` joined with a window's facts (not mutated, so a retry can join them again). */
export function joinWindowFacts(
  current: JobTaskDocument | null,
  window: TaskFacts,
): JoinedDocument {
  // A new document is the window's facts alone: rendering them unjoined saves a copy (the join with empty facts).
  if (current === null)
    return { document: documentFromFacts(window), applied: eventCountOf(window) };
  assertSameTask(current, window.task);
  const facts = factsFromDocument(current);
  let applied = 0;
  for (const id of eventIdsOf(window)) if (!hasEvent(facts, id)) applied += 1;
  if (applied === 0) return { document: current, applied };
  return { document: documentFromFacts(joinFacts(facts, window)), applied };
}
