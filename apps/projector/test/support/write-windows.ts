import { decodeBatch } from '../../src/batch/message-batch.plan';
import { WriteWindow, type TaskGroup, type TaskPiece } from '../../src/batch/write-window';
import type { SourceMessage } from '../../src/core/projection.types';

/** A window holding `messages` as the pipeline would fold them (one fetch per partition, epoch 0). */
export function windowOf(
  messages: readonly SourceMessage[],
  isolated: ReadonlySet<string> = new Set(),
): WriteWindow {
  const window = new WriteWindow();
  const partitions = [...new Set(messages.map((m) => m.partition))];
  for (const partition of partitions) {
    const fetched = messages.filter((m) => m.partition === partition);
    window.add(fetched, decodeBatch(fetched, 1_048_576), 0, 0, isolated);
  }
  return window;
}

/** The task groups of `windowOf(messages, isolated)`, in first-seen order. */
export function groupsOf(
  messages: readonly SourceMessage[],
  isolated: ReadonlySet<string> = new Set(),
): TaskGroup[] {
  return [...windowOf(messages, isolated).groups.values()];
}

/** The pieces of the single task the messages are about. */
export function piecesOf(messages: readonly SourceMessage[], isolated = false): TaskPiece[] {
  const groups = groupsOf(messages);
  const id = groups[0]?.id;
  if (groups.length !== 1 || id === undefined) throw new Error('expected one task');
  return isolated ? groupsOf(messages, new Set([id]))[0]!.pieces : groups[0]!.pieces;
}
