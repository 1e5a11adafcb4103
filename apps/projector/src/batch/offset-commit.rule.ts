import type { Rejection, SourceMessage } from '../core/projection.types';

export interface PartitionProgress {
  partition: number;
  /** The offset to commit and to read next: everything below it has a durable outcome. */
  next: number;
  /** False when some message of the batch is still unapplied; `next` is then the first of them. */
  complete: boolean;
}

/**
 * The commit rule: per partition, the contiguous prefix of messages whose outcome (applied, duplicate or
 * dead-lettered) is durable. Offsets need not be contiguous (compaction, transaction markers), so the watermark is
 * the first unsettled offset, or one past the last message when all are settled. Pure.
 */
export function partitionProgress(
  messages: readonly SourceMessage[],
  isSettled: (message: SourceMessage) => boolean,
): PartitionProgress[] {
  const byPartition = new Map<number, SourceMessage[]>();
  for (const message of messages) {
    const list = byPartition.get(message.partition);
    if (list) list.push(message);
    else byPartition.set(message.partition, [message]);
  }
  return [...byPartition].map(([partition, list]) => {
    const sorted = [...list].sort((a, b) => a.offset - b.offset);
    const firstUnsettled = sorted.find((m) => !isSettled(m));
    if (firstUnsettled) return { partition, next: firstUnsettled.offset, complete: false };
    const last = sorted[sorted.length - 1];
    return { partition, next: (last?.offset ?? -1) + 1, complete: true };
  });
}

/** The partition's watermark for a set of messages, or `fallback` when none of them is from that partition. */
export function watermarkOf(
  progress: readonly PartitionProgress[],
  partition: number,
  fallback: number,
): number {
  return progress.find((p) => p.partition === partition)?.next ?? fallback;
}

/**
 * Which rejections to dead-letter now. Those behind a partition's first unsettled message will be consumed again
 * after the retry, so sending them now would only duplicate them in the DLQ.
 */
export function splitAtWatermarks(
  rejections: readonly Rejection[],
  messages: readonly SourceMessage[],
  unsettled: ReadonlySet<SourceMessage>,
): { now: Rejection[]; later: Rejection[] } {
  const progress = partitionProgress(messages, (m) => !unsettled.has(m));
  const now: Rejection[] = [];
  const later: Rejection[] = [];
  for (const rejection of rejections) {
    const { partition, offset } = rejection.source;
    (offset < watermarkOf(progress, partition, Infinity) ? now : later).push(rejection);
  }
  return { now, later };
}
