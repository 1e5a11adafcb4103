import fc from 'fast-check';
import { sourceMessage } from '../../test/support/event-messages';
import { partitionProgress, splitAtWatermarks } from './offset-commit.rule';

const at = (partition: number, offset: number) => sourceMessage({}, { partition, offset });

describe(partitionProgress.name, () => {
  it('should commit one past the last message when every message is settled', () => {
    const messages = [at(0, 10), at(0, 11), at(0, 12)];

    expect(partitionProgress(messages, () => true)).toEqual([
      { partition: 0, next: 13, complete: true },
    ]);
  });

  it('should stop at the first unsettled message even when later ones are settled', () => {
    const messages = [at(0, 10), at(0, 11), at(0, 12)];
    const unsettled = new Set([messages[1]]);

    expect(partitionProgress(messages, (m) => !unsettled.has(m))).toEqual([
      { partition: 0, next: 11, complete: false },
    ]);
  });

  it('should make no progress when the first message is unsettled', () => {
    const messages = [at(0, 10), at(0, 11)];

    expect(partitionProgress(messages, (m) => m !== messages[0])).toEqual([
      { partition: 0, next: 10, complete: false },
    ]);
  });

  it('should track partitions independently and tolerate offset gaps', () => {
    const messages = [at(1, 5), at(0, 3), at(1, 9), at(0, 7)];
    const unsettled = new Set([messages[2]]);

    expect(partitionProgress(messages, (m) => !unsettled.has(m))).toEqual([
      { partition: 1, next: 9, complete: false },
      { partition: 0, next: 8, complete: true },
    ]);
  });

  it('should never commit past an unsettled message, and commit every settled prefix', () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { minLength: 1, maxLength: 50 }),
        fc.nat(1_000),
        (settled, base) => {
          const messages = settled.map((_, i) => at(0, base + i * 2));
          const [progress] = partitionProgress(
            messages,
            (m) => settled[messages.indexOf(m)] === true,
          );
          const firstUnsettled = settled.indexOf(false);
          const expected =
            firstUnsettled === -1 ? base + settled.length * 2 - 1 : base + firstUnsettled * 2;
          expect(progress?.next).toBe(expected);
          expect(
            messages
              .filter((m) => m.offset < (progress?.next ?? 0))
              .every((m) => settled[messages.indexOf(m)]),
          ).toBe(true);
        },
      ),
    );
  });
});

describe(splitAtWatermarks.name, () => {
  it('should hold back rejections behind an unsettled message of the same partition only', () => {
    const messages = [at(0, 1), at(0, 2), at(0, 3), at(1, 1)];
    const reject = (m: (typeof messages)[number]) => ({
      source: m,
      reason: 'INVALID_JSON' as const,
      message: 'x',
    });
    const rejections = [reject(messages[0]!), reject(messages[2]!), reject(messages[3]!)];

    const sut = splitAtWatermarks(rejections, messages, new Set([messages[1]!]));

    expect(sut.now.map((r) => r.source)).toEqual([messages[0], messages[3]]);
    expect(sut.later.map((r) => r.source)).toEqual([messages[2]]);
  });
});
