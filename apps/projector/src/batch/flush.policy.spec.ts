import { flushReason, partitionBehind, type FlushBounds } from './flush.policy';

const bounds: FlushBounds = {
  intervalMs: 250,
  maxIntervalMs: 10_000,
  maxDocs: 100,
  maxBytes: 1_000,
  behindAfterMs: 5_000,
  behindBacklogMs: 1_000,
  finishedEarly: true,
};

describe(flushReason.name, () => {
  it.each([
    [{ messages: 0, docs: 0, bytes: 0, ageMs: 99_999 }, false, null],
    [{ messages: 2, docs: 0, bytes: 0, ageMs: 250 }, false, 'time'],
    [{ messages: 5, docs: 1, bytes: 10, ageMs: 100 }, false, null],
    [{ messages: 5, docs: 1, bytes: 10, ageMs: 250 }, false, 'time'],
    [{ messages: 5, docs: 1, bytes: 10, ageMs: 9_999 }, true, null],
    [{ messages: 5, docs: 1, bytes: 10, ageMs: 10_000 }, true, 'time'],
    [{ messages: 5, docs: 100, bytes: 10, ageMs: 0 }, true, 'docs'],
    [{ messages: 5, docs: 1, bytes: 1_000, ageMs: 0 }, true, 'bytes'],
  ])('should close %o (behind: %s) for %s', (load, behind, reason) => {
    expect(flushReason(load, behind, bounds)).toBe(reason);
  });
});

describe(partitionBehind.name, () => {
  const now = 1_000_000;
  it.each([
    [{ next: 10, highWatermark: 10, newestAppendedAt: now - 60_000 }, false],
    [{ next: 7, highWatermark: 10 }, true],
    [{ next: 7, highWatermark: 10, newestAppendedAt: now - 4_999 }, false],
    [{ next: 7, highWatermark: 10, newestAppendedAt: now - 5_000 }, true],
    [{ next: 7, highWatermark: 10, newestAppendedAt: now + 3_000 }, false],
    [{ next: 7, highWatermark: 10, newestAppendedAt: now - 50, backlogMs: 999 }, false],
    [{ next: 7, highWatermark: 10, newestAppendedAt: now - 50, backlogMs: 1_000 }, true],
    [{ next: 10, highWatermark: 10, newestAppendedAt: now - 50, backlogMs: 5_000 }, false],
  ])('should judge %o behind: %s', (position, behind) => {
    expect(partitionBehind(position, now, bounds)).toBe(behind);
  });

  it.each([
    [250, true],
    [249, false],
  ])(
    'should keep a partition that was behind so while its backlog is %s ms (>= one flush interval: %s)',
    (backlogMs, behind) => {
      const fresh = { next: 7, highWatermark: 10, newestAppendedAt: now - 50, backlogMs };
      expect(partitionBehind(fresh, now, bounds, true)).toBe(behind);
      expect(partitionBehind(fresh, now, bounds, false)).toBe(false);
    },
  );
});
