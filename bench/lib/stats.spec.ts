import { latencySummary, median, quantile, round, spread } from './stats';

describe(quantile.name, () => {
  it('should interpolate between closest ranks like numpy', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([10, 20, 30, 40, 50], 0.25)).toBe(20);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.99)).toBeCloseTo(9.91, 10);
  });

  it('should return the only value for every quantile of one value', () => {
    expect([0, 0.5, 1].map((q) => quantile([7], q))).toEqual([7, 7, 7]);
  });

  it('should not depend on input order nor modify the input', () => {
    const input = [5, 1, 4, 2, 3];
    expect(median(input)).toBe(3);
    expect(input).toEqual([5, 1, 4, 2, 3]);
  });

  it('should refuse empty input, non-finite values and q outside [0, 1]', () => {
    expect(() => median([])).toThrow(RangeError);
    expect(() => median([1, NaN])).toThrow(RangeError);
    expect(() => quantile([1], 1.5)).toThrow(RangeError);
  });
});

describe(spread.name, () => {
  it('should report median, extremes and quartiles of repeated runs', () => {
    expect(spread([3, 1, 2])).toEqual({ median: 2, min: 1, max: 3, p25: 1.5, p75: 2.5, n: 3 });
  });
});

describe(latencySummary.name, () => {
  it('should give p50/p90/p99/max of a sample', () => {
    const values = Array.from({ length: 101 }, (_, i) => i);
    expect(latencySummary(values)).toEqual({ p50: 50, p90: 90, p99: 99, max: 100, n: 101 });
  });
});

describe(round.name, () => {
  it('should keep three significant digits below 100 and integers above', () => {
    expect([round(1.23456), round(0.012345), round(123.6), round(99.96)]).toEqual([
      1.23, 0.0123, 124, 100,
    ]);
  });
});
