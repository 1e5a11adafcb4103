import type { JobTaskCreatedData, JobTaskEvent } from '../events/job-task-event.types';
import type { ErrorInfo } from '../job-task-document';
import {
  compareCanonical,
  compareEventKeys,
  eventKeyOf,
  type ErrorKey,
  type EventKey,
} from './event-key.order';
import { JobTaskMismatchError } from './projection.errors';
import type { TerminalState } from './projection-state.types';

/*
 * The working form of a task's state. Every field is a join-semilattice (set union, or min/max by event order),
 * so joining facts is commutative, associative and idempotent — which is what makes the document a function of
 * the set of events, whatever their order, duplication or batching.
 */

export interface TaskIdentity {
  domain_id: string;
  job_task_id: string;
}

export interface CreatedFact {
  key: EventKey;
  fields: JobTaskCreatedData;
}

export interface ErrorFact {
  key: ErrorKey;
  info: ErrorInfo;
}

export interface TaskFacts {
  task: TaskIdentity;
  lifecycleIds: Set<string>;
  resourceSucceeded: Map<string, number>;
  resourceFailed: Map<string, number>;
  created: CreatedFact | null;
  started: EventKey | null;
  terminal: TerminalState | null;
  /** By (event_id, position), which identifies one ErrorInfo among all events. */
  errors: Map<string, ErrorFact>;
}

/** Throws when `actual` is another task than `expected`: facts of two tasks never join. */
export function assertSameTask(expected: TaskIdentity, actual: TaskIdentity): void {
  if (expected.domain_id === actual.domain_id && expected.job_task_id === actual.job_task_id)
    return;
  const describe = (t: TaskIdentity): string =>
    JSON.stringify({ domain_id: t.domain_id, job_task_id: t.job_task_id });
  throw new JobTaskMismatchError(describe(expected), describe(actual));
}

export function emptyFacts(task: TaskIdentity): TaskFacts {
  return {
    task: { domain_id: task.domain_id, job_task_id: task.job_task_id },
    lifecycleIds: new Set(),
    resourceSucceeded: new Map(),
    resourceFailed: new Map(),
    created: null,
    started: null,
    terminal: null,
    errors: new Map(),
  };
}

export function hasEvent(facts: TaskFacts, eventId: string): boolean {
  return (
    facts.lifecycleIds.has(eventId) ||
    facts.resourceSucceeded.has(eventId) ||
    facts.resourceFailed.has(eventId)
  );
}

export function errorFactId(key: ErrorKey): string {
  return JSON.stringify([key[2], key[3]]);
}

/**
 * Joins one event into `target` (mutating it) and returns `target`: what `joinFacts` does with the facts of that
 * event alone, without building them (the projector does this for every event it reads; the fold spec ties the two).
 */
export function joinEvent(target: TaskFacts, event: JobTaskEvent): TaskFacts {
  switch (event.event_type) {
    case 'job_task.created':
      target.lifecycleIds.add(event.event_id);
      target.created = pick(
        target.created,
        { key: eventKeyOf(event), fields: event.data },
        earliestCreated,
      );
      return target;
    case 'job_task.started':
      target.lifecycleIds.add(event.event_id);
      target.started = pick(target.started, eventKeyOf(event), earliestKey);
      return target;
    case 'job_task.resource_succeeded':
      joinCount(target.resourceSucceeded, event.event_id, event.data.count);
      return target;
    case 'job_task.resource_failed':
      joinCount(target.resourceFailed, event.event_id, event.data.count);
      if (event.data.error !== null) joinErrorInfos(target.errors, event, [event.data.error]);
      return target;
    case 'job_task.succeeded':
    case 'job_task.failed': {
      const { success_count, failure_count } = event.data;
      const status = event.event_type === 'job_task.succeeded' ? 'SUCCESS' : 'FAILURE';
      target.lifecycleIds.add(event.event_id);
      const terminal: TerminalState = {
        key: eventKeyOf(event),
        status,
        success_count,
        failure_count,
      };
      target.terminal = pick(target.terminal, terminal, latestTerminal);
      if (event.event_type === 'job_task.failed')
        joinErrorInfos(target.errors, event, event.data.errors);
      return target;
    }
    default: {
      const unreachable: never = event;
      throw new Error(`unhandled event ${JSON.stringify(unreachable)}`);
    }
  }
}

function joinErrorInfos(
  errors: Map<string, ErrorFact>,
  event: JobTaskEvent,
  infos: readonly ErrorInfo[],
): void {
  infos.forEach((info, position) => {
    const key: ErrorKey = [event.occurred_at, event.sequence, event.event_id, position];
    joinError(errors, errorFactId(key), { key, info });
  });
}

/** Joins `source` into `target` (mutating it) and returns `target`. */
export function joinFacts(target: TaskFacts, source: TaskFacts): TaskFacts {
  source.lifecycleIds.forEach((id) => target.lifecycleIds.add(id));
  joinCounts(target.resourceSucceeded, source.resourceSucceeded);
  joinCounts(target.resourceFailed, source.resourceFailed);
  target.created = pick(target.created, source.created, earliestCreated);
  target.started = pick(target.started, source.started, earliestKey);
  target.terminal = pick(target.terminal, source.terminal, latestTerminal);
  source.errors.forEach((fact, id) => joinError(target.errors, id, fact));
  return target;
}

function joinError(errors: Map<string, ErrorFact>, id: string, fact: ErrorFact): void {
  const existing = errors.get(id);
  const keep = existing === undefined || compareCanonical(fact, existing) < 0 ? fact : existing;
  errors.set(id, keep);
}

function pick<T>(a: T | null, b: T | null, choose: (a: T, b: T) => T): T | null {
  if (a === null) return b;
  if (b === null) return a;
  return choose(a, b);
}

// Two counts for one event_id only arise from an emitter reusing ids; max keeps the join order-independent.
function joinCounts(target: Map<string, number>, source: ReadonlyMap<string, number>): void {
  source.forEach((count, id) => joinCount(target, id, count));
}

function joinCount(target: Map<string, number>, id: string, count: number): void {
  target.set(id, Math.max(count, target.get(id) ?? count));
}

function earliestKey(a: EventKey, b: EventKey): EventKey {
  return compareEventKeys(a, b) <= 0 ? a : b;
}

function earliestCreated(a: CreatedFact, b: CreatedFact): CreatedFact {
  const order = compareEventKeys(a.key, b.key) || compareCanonical(a.fields, b.fields);
  return order <= 0 ? a : b;
}

function latestTerminal(a: TerminalState, b: TerminalState): TerminalState {
  const order = compareEventKeys(a.key, b.key) || compareCanonical(a, b);
  return order >= 0 ? a : b;
}
