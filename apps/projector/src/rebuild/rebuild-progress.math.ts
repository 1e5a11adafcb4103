import type { PartitionRange } from '../kafka/kafka-topics.admin';

export interface ProgressTotals {
  done: number;
  total: number;
}

/** Events between each partition's start and its target end, and how many of them are behind `positions`. */
export function progressTotals(
  ranges: readonly PartitionRange[],
  positions: ReadonlyMap<number, number>,
): ProgressTotals {
  let done = 0;
  let total = 0;
  for (const { partition, start, end } of ranges) {
    const span = Math.max(0, end - start);
    const position = positions.get(partition) ?? start;
    total += span;
    done += Math.min(span, Math.max(0, position - start));
  }
  return { done, total };
}

export function reachedEnds(
  ranges: readonly PartitionRange[],
  positions: ReadonlyMap<number, number>,
): boolean {
  return ranges.every(({ partition, start, end }) => (positions.get(partition) ?? start) >= end);
}

export interface RateSample {
  atMs: number;
  done: number;
}

export interface RateEstimate {
  perSecond: number;
  /** Seconds until done at the current rate; null while the rate is unknown or zero. */
  etaSeconds: number | null;
}

/** Rate over a sliding window of samples (oldest first), so a stall shows up within the window. */
export function estimateRate(samples: readonly RateSample[], total: number): RateEstimate {
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (first === undefined || last === undefined || last.atMs <= first.atMs) {
    return { perSecond: 0, etaSeconds: null };
  }
  const perSecond = ((last.done - first.done) * 1_000) / (last.atMs - first.atMs);
  const remaining = Math.max(0, total - last.done);
  if (remaining === 0) return { perSecond, etaSeconds: 0 };
  return { perSecond, etaSeconds: perSecond > 0 ? Math.ceil(remaining / perSecond) : null };
}

/** Keeps the samples of the last `windowMs`, plus the one just before it as the window's base. */
export function slideWindow(
  samples: readonly RateSample[],
  nowMs: number,
  windowMs: number,
): RateSample[] {
  const inside = samples.findIndex((s) => s.atMs >= nowMs - windowMs);
  if (inside === -1) return samples.slice(-1);
  return samples.slice(Math.max(0, inside - 1));
}
