import { sourceMessage } from '../../test/support/event-messages';
import { PartitionLedger } from './partition.ledger';

const at = (offset: number) => sourceMessage({}, { partition: 0, offset, key: 'k' });

describe(PartitionLedger.name, () => {
  it('should advance only over the contiguous settled prefix, gaps in offsets included', () => {
    const sut = new PartitionLedger();
    const [a, b, c, d] = [at(3), at(5), at(6), at(9)];
    sut.record([a, b, c, d]);

    sut.settle([a, c, d]);
    expect(sut.advance()).toBe(4);
    expect(sut.firstUnsettled()).toBe(5);
    expect(sut.advance()).toBeNull();

    sut.settle([b]);
    expect(sut.advance()).toBe(10);
    expect(sut.firstUnsettled()).toBeNull();
  });

  it('should ignore settlements of messages recorded before a reset', () => {
    const sut = new PartitionLedger();
    const old = at(1);
    sut.record([old]);
    sut.reset();
    const again = at(1);
    sut.record([again]);

    sut.settle([old]);

    expect(sut.advance()).toBeNull();
    expect(sut.tracks(old)).toBe(false);
  });
});
