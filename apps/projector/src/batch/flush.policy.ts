/** `finished`: the finished tasks, written early while no flush is in flight (WriteWindow.takeFinished). */
export type FlushReason = 'time' | 'docs' | 'bytes' | 'finished' | 'rebalance' | 'shutdown';

export interface FlushBounds {
  /** Age bound once the consumer has caught up: freshness. */
  intervalMs: number;
  /** Age bound while behind: the window grows so a catch-up writes each document about once. */
  maxIntervalMs: number;
  maxDocs: number;
  maxBytes: number;
  /** A partition with unread messages counts as behind once its newest fetched message is this old… */
  behindAfterMs: number;
  /** …or once its unread messages would take this long to read (see partitionBehind). */
  behindBacklogMs: number;
  /** Write finished tasks while no flush is in flight (WriteWindow.takeFinished). */
  finishedEarly: boolean;
}

export interface PartitionPosition {
  /** The offset after the last fetched message, and the partition's high watermark at that fetch. */
  next: number;
  highWatermark: number;
  /** Kafka's timestamp of the last fetched message (ms); absent when unknown, and then lag alone decides. */
  newestAppendedAt?: number;
  /** How long the unread messages would take to read at the partition's recent read rate; absent until known. */
  backlogMs?: number;
}

/**
 * Whether a partition is catching up. Unread messages alone are not enough: under steady traffic a fetch
 * never reaches a watermark that keeps moving, and the window would then always grow to its catch-up
 * bound, costing freshness. Behind means unread messages AND either a newest message older than the bound
 * (an old backlog) or unread messages that would take `behindBacklogMs` to read (a fresh burst, whose
 * newest messages are young). Once behind, a partition stays behind until what is left would be read
 * within one flush interval: a burst is then written in one window instead of being cut wherever its
 * estimate first dips below the entry bound, and steady traffic, whose backlog is a few fetches, never
 * enters.
 */
export function partitionBehind(
  position: PartitionPosition,
  nowMs: number,
  bounds: Pick<FlushBounds, 'behindAfterMs' | 'behindBacklogMs' | 'intervalMs'>,
  wasBehind = false,
): boolean {
  if (position.next >= position.highWatermark) return false;
  if (position.newestAppendedAt === undefined) return true;
  if (nowMs - position.newestAppendedAt >= bounds.behindAfterMs) return true;
  if (position.backlogMs === undefined) return false;
  return position.backlogMs >= (wasBehind ? bounds.intervalMs : bounds.behindBacklogMs);
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
