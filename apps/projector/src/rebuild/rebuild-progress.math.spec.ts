import { estimateRate, progressTotals, reachedEnds, slideWindow } from './rebuild-progress.math';

const ranges = [
  { partition: 0, start: 0, end: 100 },
  { partition: 1, start: 50, end: 150 },
  { partition: 2, start: 10, end: 10 },
];

describe(progressTotals.name, () => {
  it('should count events between start and end, clamping positions outside the range', () => {
    expect(progressTotals(ranges, new Map())).toEqual({ done: 0, total: 200 });
    expect(
      progressTotals(
        ranges,
        new Map([
          [0, 40],
          [1, 500],
        ]),
      ),
    ).toEqual({ done: 140, total: 200 });
  });
});

describe(reachedEnds.name, () => {
  it('should be done when every partition is at its end, empty partitions included', () => {
    expect(
      reachedEnds(
        ranges,
        new Map([
          [0, 100],
          [1, 149],
        ]),
      ),
    ).toBe(false);
    expect(
      reachedEnds(
        ranges,
        new Map([
          [0, 100],
          [1, 150],
        ]),
      ),
    ).toBe(true);
  });
});

describe(estimateRate.name, () => {
  it('should derive the rate from the window and the ETA from what remains', () => {
    const samples = [
      { atMs: 0, done: 0 },
      { atMs: 2_000, done: 1_000 },
    ];

    expect(estimateRate(samples, 5_000)).toEqual({ perSecond: 500, etaSeconds: 8 });
  });

  it('should have no ETA while nothing moves', () => {
    expect(
      estimateRate(
        [
          { atMs: 0, done: 10 },
          { atMs: 1_000, done: 10 },
        ],
        100,
      ).etaSeconds,
    ).toBeNull();
    expect(estimateRate([{ atMs: 0, done: 0 }], 100)).toEqual({ perSecond: 0, etaSeconds: null });
  });
});

describe(slideWindow.name, () => {
  it('should keep the samples inside the window plus the one before it', () => {
    const samples = [0, 1_000, 5_000, 9_000].map((atMs) => ({ atMs, done: atMs }));

    expect(slideWindow(samples, 10_000, 6_000).map((s) => s.atMs)).toEqual([1_000, 5_000, 9_000]);
  });
});
