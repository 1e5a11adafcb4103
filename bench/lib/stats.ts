/** Order statistics for the benchmark. Pure, so they are unit-tested (bench/lib/stats.spec.ts). */

export interface Spread {
  median: number;
  min: number;
  max: number;
  p25: number;
  p75: number;
  n: number;
}

function sorted(values: readonly number[]): number[] {
  if (values.length === 0) throw new RangeError('no values');
  if (values.some((v) => !Number.isFinite(v))) throw new RangeError('non-finite value');
  return [...values].sort((a, b) => a - b);
}

/** Linear interpolation between closest ranks (R's type 7, numpy's default), q in [0, 1]. */
export function quantileOfSorted(ascending: readonly number[], q: number): number {
  if (q < 0 || q > 1) throw new RangeError(`quantile ${q} outside [0, 1]`);
  const position = (ascending.length - 1) * q;
  const below = Math.floor(position);
  const lower = ascending[below] ?? NaN;
  const upper = ascending[Math.min(below + 1, ascending.length - 1)] ?? NaN;
  return lower + (upper - lower) * (position - below);
}

export function quantile(values: readonly number[], q: number): number {
  return quantileOfSorted(sorted(values), q);
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** Median with min/max and the interquartile points: how every repeated figure is reported. */
export function spread(values: readonly number[]): Spread {
  const s = sorted(values);
  return {
    median: quantileOfSorted(s, 0.5),
    min: s[0] ?? NaN,
    max: s[s.length - 1] ?? NaN,
    p25: quantileOfSorted(s, 0.25),
    p75: quantileOfSorted(s, 0.75),
    n: s.length,
  };
}

export interface LatencySummary {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  n: number;
}

/** Percentiles of one latency sample (e.g. all requests of one load run). */
export function latencySummary(values: readonly number[]): LatencySummary {
  const s = sorted(values);
  return {
    p50: quantileOfSorted(s, 0.5),
    p90: quantileOfSorted(s, 0.9),
    p99: quantileOfSorted(s, 0.99),
    max: s[s.length - 1] ?? NaN,
    n: s.length,
  };
}

/** Rounds for reports: 3 significant digits below 100, integers above. */
export function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  if (Math.abs(value) >= 100) return Math.round(value);
  return Number(value.toPrecision(3));
}
