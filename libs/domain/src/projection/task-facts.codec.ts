import type { JobTaskDocument, JobTaskStatus } from '../job-task-document';
import { compareErrorKeys, compareText } from './event-key.order';
import { ProjectionStateError } from './projection.errors';
import { projectionStateSchema } from './projection-state.schema';
import type { ProjectionState } from './projection-state.types';
import { sortSmallArray } from './small-array.sort';
import { emptyFacts, errorFactId, type CreatedFact, type TaskFacts } from './task-facts.model';

/** Reads a stored document back into facts; the inverse of `documentFromFacts`. */
export function factsFromDocument(document: JobTaskDocument): TaskFacts {
  const parsed = projectionStateSchema.safeParse(document.projection);
  if (!parsed.success) throw new ProjectionStateError(parsed.error.issues[0]?.message ?? 'unknown');
  const state = parsed.data;
  if (state.error_keys.length !== document.errors.length) {
    throw new ProjectionStateError('error_keys and errors differ in length');
  }
  const facts = emptyFacts(document);
  state.lifecycle_ids.forEach((id) => facts.lifecycleIds.add(id));
  facts.resourceSucceeded = new Map(Object.entries(state.resource_succeeded));
  facts.resourceFailed = new Map(Object.entries(state.resource_failed));
  facts.created = state.created === null ? null : createdFact(document, state.created);
  facts.started = state.started;
  facts.terminal = state.terminal;
  state.error_keys.forEach((key, index) => {
    const info = document.errors[index];
    if (info !== undefined) facts.errors.set(errorFactId(key), { key, info });
  });
  return facts;
}

function createdFact(document: JobTaskDocument, key: CreatedFact['key']): CreatedFact {
  if (typeof document.job_id !== 'string') throw new ProjectionStateError('created without job_id');
  const { job_id, project_id, provider, secret_id, service_account_id } = document;
  return { key, fields: { job_id, project_id, provider, secret_id, service_account_id } };
}

/** Renders facts as the stored document. Collections are sorted so equal facts give byte-identical JSON. */
export function documentFromFacts(facts: TaskFacts): JobTaskDocument {
  const { created, started, terminal } = facts;
  const errors = sortSmallArray([...facts.errors.values()], (a, b) =>
    compareErrorKeys(a.key, b.key),
  );
  return {
    job_task_id: facts.task.job_task_id,
    domain_id: facts.task.domain_id,
    status: statusOf(facts),
    success_count: terminal?.success_count ?? sum(facts.resourceSucceeded),
    failure_count: terminal?.failure_count ?? sum(facts.resourceFailed),
    errors: errors.map((error) => ({ ...error.info })),
    job_id: created?.fields.job_id ?? null,
    secret_id: created?.fields.secret_id ?? null,
    provider: created?.fields.provider ?? null,
    service_account_id: created?.fields.service_account_id ?? null,
    project_id: created?.fields.project_id ?? null,
    created_at: created?.key[0] ?? null,
    started_at: started?.[0] ?? null,
    finished_at: terminal?.key[0] ?? null,
    projection: stateOf(
      facts,
      errors.map((error) => error.key),
    ),
  };
}

function stateOf(facts: TaskFacts, errorKeys: ProjectionState['error_keys']): ProjectionState {
  return {
    version: 1,
    lifecycle_ids: sortSmallArray([...facts.lifecycleIds], compareText),
    resource_succeeded: sortedRecord(facts.resourceSucceeded),
    resource_failed: sortedRecord(facts.resourceFailed),
    created: facts.created?.key ?? null,
    started: facts.started,
    terminal: facts.terminal,
    error_keys: errorKeys,
  };
}

function statusOf(facts: TaskFacts): JobTaskStatus {
  if (facts.terminal !== null) return facts.terminal.status;
  const inProgress =
    facts.started !== null || facts.resourceSucceeded.size > 0 || facts.resourceFailed.size > 0;
  if (inProgress) return 'IN_PROGRESS';
  return facts.created !== null ? 'PENDING' : 'JOB_TASK_STATE_NONE';
}

function sum(counts: ReadonlyMap<string, number>): number {
  let total = 0;
  counts.forEach((count) => (total += count));
  return total;
}

// A prototype-free record: "__proto__" is plain data in it, and V8 keeps it a dictionary instead of deriving a
// hidden class for every new event_id (ids are unique, so no two records would share one).
function sortedRecord(counts: ReadonlyMap<string, number>): Record<string, number> {
  const record = Object.create(null) as Record<string, number>;
  // Code units, like the default sort: the order documentFromFacts promises.
  for (const id of sortSmallArray([...counts.keys()], compareText))
    record[id] = counts.get(id) ?? 0;
  return record;
}
