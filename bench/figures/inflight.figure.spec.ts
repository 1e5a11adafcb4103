import { highestLevel, levelAt } from './inflight.figure';

describe(levelAt.name, () => {
  const levels = [{ inflight: 2_000 }, { inflight: 10_000 }];

  it('should find the level measured at exactly that many tasks in flight', () => {
    expect(levelAt(levels, 2_000)).toBe(levels[0]);
    expect(levelAt(levels, 5_000)).toBeUndefined();
  });
});

describe(highestLevel.name, () => {
  it('should pick the level with the most tasks in flight, whatever the order', () => {
    const levels = [{ inflight: 10_000 }, { inflight: 500 }, { inflight: 2_000 }];

    expect(highestLevel(levels)).toBe(levels[0]);
    expect(highestLevel([])).toBeUndefined();
  });
});
