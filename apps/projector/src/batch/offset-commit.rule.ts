import type { Rejection } from '../core/projection.types';

/**
 * The commit rule: per partition, the contiguous prefix of messages whose outcome (applied, duplicate or
 * dead-lettered) is durable. A flush reports, per partition, the first offset whose outcome is not: the commit stops
 * there and the partition is read again from it. Offsets need not be contiguous (compaction, transaction markers),
 * so only offsets are compared, never counted.
 */
export type NotDurable = Map<number, number>;

/** Records that `offset` of `partition` is not durable (the earliest such offset wins). */
export function markNotDurable(notDurable: NotDurable, partition: number, offset: number): void {
  const known = notDurable.get(partition);
  if (known === undefined || offset < known) notDurable.set(partition, offset);
}

/**
 * Which rejections to dead-letter now. Those at or behind a partition's first offset that is not durable will be
 * consumed again after the retry, so sending them now would only duplicate them in the DLQ.
 */
export function splitAtWatermarks(
  rejections: readonly Rejection[],
  notDurable: ReadonlyMap<number, number>,
): { now: Rejection[]; later: Rejection[] } {
  const now: Rejection[] = [];
  const later: Rejection[] = [];
  for (const rejection of rejections) {
    const { partition, offset } = rejection.source;
    (offset < (notDurable.get(partition) ?? Infinity) ? now : later).push(rejection);
  }
  return { now, later };
}
