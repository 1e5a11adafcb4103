import fc from 'fast-check';
import { backoffDelay, PartitionBackoff, RETRY_BASE_MS } from './retry-backoff';

describe(backoffDelay.name, () => {
  it('should stay between half and all of the capped exponential delay', () => {
    fc.assert(
      fc.property(
        fc.nat(100),
        fc.integer({ min: 1, max: 60_000 }),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        (attempt, maxMs, r) => {
          const ceiling = Math.min(maxMs, RETRY_BASE_MS * 2 ** attempt);
          const delay = backoffDelay(attempt, maxMs, () => r);
          expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
          expect(delay).toBeLessThanOrEqual(Math.ceil(ceiling));
        },
      ),
    );
  });

  it('should double per attempt until the cap', () => {
    const fixed = () => 0.5;

    expect([0, 1, 2, 3, 10].map((a) => backoffDelay(a, 1_000, fixed))).toEqual([
      150, 300, 600, 750, 750,
    ]);
  });

  it('should never retry immediately', () => {
    expect(backoffDelay(0, 30_000, () => 0)).toBe(RETRY_BASE_MS / 2);
  });
});

describe(PartitionBackoff.name, () => {
  it('should grow per partition and reset on success', () => {
    const sut = new PartitionBackoff(10_000, () => 1);

    expect([sut.failed(0), sut.failed(0), sut.failed(1)]).toEqual([200, 400, 200]);
    sut.succeeded(0);
    expect(sut.failed(0)).toBe(200);
    expect(sut.attemptsOf(1)).toBe(1);
  });
});
