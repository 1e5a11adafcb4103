import fc from 'fast-check';
import { compareText } from './event-key.order';
import { sortSmallArray } from './small-array.sort';

describe(sortSmallArray.name, () => {
  it('should order strings as the default sort does, at every length around the insertion-sort limit', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 4, unit: 'binary' }), { maxLength: 40 }),
        (items) => {
          const expected = [...items].sort();

          const sut = sortSmallArray([...items], compareText);

          expect(sut).toEqual(expected);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('should keep items that compare equal in their original order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 40 }), (keys) => {
        const items = keys.map((key, position) => ({ key, position }));
        const expected = [...items].sort((a, b) => a.key - b.key);

        const sut = sortSmallArray([...items], (a, b) => a.key - b.key);

        expect(sut).toEqual(expected);
      }),
      { numRuns: 2_000 },
    );
  });

  it('should sort the array it is given and return that same array', () => {
    const items = ['b', 'a'];

    const sut = sortSmallArray(items, compareText);

    expect(sut).toBe(items);
    expect(items).toEqual(['a', 'b']);
  });
});
