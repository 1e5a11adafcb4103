import { PartitionLedger } from './partition.ledger';

const span = (first: number, last: number, count: number, epoch = 0) => ({
  first,
  last,
  count,
  epoch,
});

describe(PartitionLedger.name, () => {
  it('should commit past a durable span, or up to its first offset that is not durable', () => {
    const sut = new PartitionLedger();
    sut.record(3);
    sut.record(2);

    expect(sut.settle(span(3, 9, 3), null)).toBe(10);
    expect(sut.pending).toBe(2);
    expect(sut.settle(span(12, 15, 2), 14)).toBe(14);
    expect(sut.pending).toBe(0);
  });

  it('should ignore the settlement of a span fetched before a reset', () => {
    const sut = new PartitionLedger();
    sut.record(1);
    const old = span(1, 1, 1, sut.epoch);
    sut.reset();
    sut.record(1);

    expect(sut.settle(old, null)).toBeNull();
    expect(sut.pending).toBe(1);
    expect(sut.settle(span(1, 1, 1, sut.epoch), null)).toBe(2);
  });
});
