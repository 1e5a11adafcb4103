export type FlushReason = 'time' | 'docs' | 'bytes' | 'rebalance' | 'shutdown';

export interface FlushBounds {
  /** Age bound once the consumer has caught up: freshness. */
  intervalMs: number;
  /** Age bound while behind: the window grows so a catch-up writes each document about once. */
  maxIntervalMs: number;
  maxDocs: number;
  maxBytes: number;
}

export interface WindowLoad {
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
  if (load.docs === 0 && load.bytes === 0) return null;
  if (load.docs >= bounds.maxDocs) return 'docs';
  if (load.bytes >= bounds.maxBytes) return 'bytes';
  if (load.ageMs >= (behind ? bounds.maxIntervalMs : bounds.intervalMs)) return 'time';
  return null;
}
