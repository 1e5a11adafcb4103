import { sourceMessage } from '../../test/support/event-messages';
import { markNotDurable, splitAtWatermarks, type NotDurable } from './offset-commit.rule';

const at = (partition: number, offset: number) =>
  sourceMessage({}, { partition, offset, key: 'k' });

describe(markNotDurable.name, () => {
  it('should keep the earliest offset per partition, partitions apart', () => {
    const sut: NotDurable = new Map();

    markNotDurable(sut, 0, 9);
    markNotDurable(sut, 0, 4);
    markNotDurable(sut, 0, 6);
    markNotDurable(sut, 1, 2);

    expect([...sut]).toEqual([
      [0, 4],
      [1, 2],
    ]);
  });
});

describe(splitAtWatermarks.name, () => {
  it('should hold back rejections at or behind the first offset that is not durable, in that partition only', () => {
    const messages = [at(0, 1), at(0, 2), at(0, 3), at(1, 1)];
    const reject = (m: (typeof messages)[number]) => ({
      source: m,
      reason: 'INVALID_JSON' as const,
      message: 'x',
    });
    const rejections = [
      reject(messages[0]!),
      reject(messages[1]!),
      reject(messages[2]!),
      reject(messages[3]!),
    ];

    const sut = splitAtWatermarks(rejections, new Map([[0, 2]]));

    expect(sut.now.map((r) => r.source)).toEqual([messages[0], messages[3]]);
    expect(sut.later.map((r) => r.source)).toEqual([messages[1], messages[2]]);
  });
});
