/** `finished`: the finished tasks, written early while no flush is in flight (WriteWindow.takeFinished). */
export type FlushReason = 'time' | 'docs' | 'bytes' | 'finished' | 'rebalance' | 'shutdown';

export interface FlushBounds {
  /** Age bound once the consumer has caught up: freshness. */
  intervalMs: number;
  /** Age bound while behind: the window grows so a catch-up writes each document about once. */
  maxIntervalMs: number;
  maxDocs: number;
  maxBytes: number;
  /** A partition with unread messages counts as behind only once its newest fetched message is this old. */
  behindAfterMs: number;
  /** Write finished tasks while no flush is in flight (WriteWindow.takeFinished). */
  finishedEarly: boolean;
}

export interface PartitionPosition {
  /** The offset after the last fetched message, and the partition's high watermark at that fetch. */
  next: number;
  highWatermark: number;
  /** Kafka's timestamp of the last fetched message (ms); absent when unknown, and then lag alone decides. */
  newestAppendedAt?: number;
}

/**
 * Whether a partition is catching up. Unread messages alone are not enough: under steady traffic a fetch
 * never reaches a watermark that keeps moving, and the window would then always grow to its catch-up
 * bound, costing freshness. Behind means unread messages AND a newest message older than the bound.
 */
export function partitionBehind(
  position: PartitionPosition,
  nowMs: number,
  bounds: Pick<FlushBounds, 'behindAfterMs'>,
): boolean {
  if (position.next >= position.highWatermark) return false;
  if (position.newestAppendedAt === undefined) return true;
  return nowMs - position.newestAppendedAt >= bounds.behindAfterMs;
}

export interface WindowLoad {
  /** Messages taken, rejected ones included: a window of only poison messages must still be written (dead-lettered). */
  messages: number;
  docs: number;
  bytes: number;
  ageMs: number;
}

/** Why the window must be written now, or null. The memory bounds come first: they hold whatever the lag. */
export function flushReason(
  load: WindowLoad,
  behind: boolean,
  bounds: FlushBounds,
): FlushReason | null {
  if (load.messages === 0) return null;
  if (load.docs >= bounds.maxDocs) return 'docs';
  if (load.bytes >= bounds.maxBytes) return 'bytes';
  if (load.ageMs >= (behind ? bounds.maxIntervalMs : bounds.intervalMs)) return 'time';
  return null;
}
