import { PartitionLedger } from './partition.ledger';

const settlement = (next: number, count: number, epoch = 0) => ({ next, count, epoch });

describe(PartitionLedger.name, () => {
  it('should commit past a durable window, or up to its first offset that is not durable', () => {
    const sut = new PartitionLedger();
    sut.record(3);
    sut.record(2);

    expect(sut.settle(settlement(10, 3), null)).toBe(10);
    expect(sut.pending).toBe(2);
    expect(sut.settle(settlement(16, 2), 14)).toBe(14);
    expect(sut.pending).toBe(0);
  });

  it('should commit an early flush no further than the first offset still pending, whatever it wrote', () => {
    const sut = new PartitionLedger();
    sut.record(5);

    expect(sut.settle(settlement(7, 0), null)).toBe(7);
    expect(sut.settle(settlement(7, 0), 9)).toBe(7);
    expect(sut.settle(settlement(7, 0), 4)).toBe(4);
    expect(sut.pending).toBe(5);
  });

  it('should ignore the settlement of messages fetched before a reset', () => {
    const sut = new PartitionLedger();
    sut.record(1);
    const old = settlement(2, 1, sut.epoch);
    sut.reset();
    sut.record(1);

    expect(sut.settle(old, null)).toBeNull();
    expect(sut.pending).toBe(1);
    expect(sut.settle(settlement(2, 1, sut.epoch), null)).toBe(2);
  });
});
