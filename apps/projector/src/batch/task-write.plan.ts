import { projectJobTask } from '@app/domain';
import type { PlannedWrite, SourcedEvent, StoredDocument } from '../core/projection.types';
import type { TaskGroup } from './message-batch.plan';

export type TaskPlan =
  | { kind: 'write'; write: PlannedWrite }
  /** Every event was already in the document: nothing to write, the messages are settled as duplicates. */
  | { kind: 'unchanged'; duplicates: SourcedEvent[] }
  /** The stored document cannot be merged into (bad bookkeeping, or another task's document under this id). */
  | { kind: 'unmergeable'; error: Error };

/** Folds `events` (a subset of the group's events) into the task's current document. Pure. */
export function planTaskWrite(
  group: Pick<TaskGroup, 'id' | 'domainId'>,
  events: readonly SourcedEvent[],
  current: StoredDocument | null,
): TaskPlan {
  let result: ReturnType<typeof projectJobTask>;
  try {
    result = projectJobTask(
      current?.document ?? null,
      events.map((e) => e.event),
    );
  } catch (error) {
    return {
      kind: 'unmergeable',
      error: error instanceof Error ? error : new Error(String(error)),
    };
  }
  const applied = new Set(result.applied);
  const appliedEvents = events.filter((e) => applied.has(e.event));
  const duplicates = events.filter((e) => !applied.has(e.event));
  if (appliedEvents.length === 0) return { kind: 'unchanged', duplicates };
  return {
    kind: 'write',
    write: {
      id: group.id,
      domainId: group.domainId,
      document: result.document,
      json: JSON.stringify(result.document),
      current,
      applied: appliedEvents,
      duplicates,
    },
  };
}
