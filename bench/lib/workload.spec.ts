import { inflightOf, interleaveSteady, type BenchMessage } from './workload';

/** `tasks` tasks of `length` events each, task after task (nothing interleaved). */
function sequential(tasks: number, length: (task: number) => number): BenchMessage[] {
  return Array.from({ length: tasks }, (_, t) =>
    Array.from({ length: length(t) }, (_, i) => ({ key: `t${t}`, value: `t${t}-${i}` })),
  ).flat();
}

describe(interleaveSteady.name, () => {
  it('should keep every message and each task in its own order', () => {
    const input = sequential(50, (t) => 1 + (t % 7));

    const sut = interleaveSteady(input, 8);

    expect(sut).toHaveLength(input.length);
    for (let t = 0; t < 50; t += 1)
      expect(sut.filter((m) => m.key === `t${t}`)).toEqual(input.filter((m) => m.key === `t${t}`));
  });

  it('should hold about `inflight` tasks open between the ramp-up and the ramp-down', () => {
    const sut = interleaveSteady(
      sequential(2_000, (t) => 3 + (t % 9)),
      100,
    );

    const middle = sut.slice(2_000, sut.length - 2_000);
    const whole = inflightOf(sut);
    // inflightOf counts a task from its first to its last event, (length - 1) of its length rounds in a slot:
    // with tasks of 7 events on average, 100 slots show as ~86 open.
    const openInMiddle = inflightOf(middle).mean;
    expect(openInMiddle).toBeGreaterThan(80);
    expect(whole.max).toBeLessThanOrEqual(100);
  });

  it('should spread task ends through the stream rather than bunch them per group', () => {
    const sut = interleaveSteady(
      sequential(1_000, () => 6),
      100,
    );

    const lastAt = new Map(sut.map((m, i) => [m.key, i]));
    const ends = new Set(lastAt.values());
    const windows = Array.from({ length: 10 }, (_, w) => {
      let count = 0;
      for (let i = 1_000 + w * 400; i < 1_000 + (w + 1) * 400; i += 1) if (ends.has(i)) count += 1;
      return count;
    });
    expect(Math.min(...windows)).toBeGreaterThan(0);
  });

  it('should handle one task in flight and an empty stream', () => {
    const input = sequential(3, () => 2);

    expect(interleaveSteady(input, 1)).toEqual(input);
    expect(interleaveSteady([], 10)).toEqual([]);
  });
});
