import { combineFacts, joinWindowFacts, type JoinedDocument } from '@app/domain';
import type { PlannedWrite, StoredDocument } from '../core/projection.types';
import type { TaskGroup, TaskPiece } from './write-window';

export type TaskPlan =
  | { kind: 'write'; write: PlannedWrite }
  /** Every event was already in the document: nothing to write, the pieces are settled as duplicates. */
  | { kind: 'unchanged'; duplicates: number }
  /** The stored document cannot be merged into (bad bookkeeping, or another task's document under this id). */
  | { kind: 'unmergeable'; error: Error };

/** Joins `pieces` (some of the group's pieces) with the task's current document. Pure: the pieces are not changed. */
export function planTaskWrite(
  group: Pick<TaskGroup, 'id' | 'domainId'>,
  pieces: readonly TaskPiece[],
  current: StoredDocument | null,
): TaskPlan {
  let joined: JoinedDocument;
  try {
    joined = joinWindowFacts(current?.document ?? null, combineFacts(pieces.map((p) => p.facts)));
  } catch (error) {
    return {
      kind: 'unmergeable',
      error: error instanceof Error ? error : new Error(String(error)),
    };
  }
  let events = 0;
  let newest = '';
  for (const piece of pieces) {
    events += piece.events;
    if (piece.newestOccurredAt > newest) newest = piece.newestOccurredAt;
  }
  if (joined.applied === 0) return { kind: 'unchanged', duplicates: events };
  return {
    kind: 'write',
    write: {
      id: group.id,
      domainId: group.domainId,
      document: joined.document,
      json: JSON.stringify(joined.document),
      current,
      applied: joined.applied,
      duplicates: events - joined.applied,
      newestOccurredAt: newest,
    },
  };
}
