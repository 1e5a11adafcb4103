import fc from 'fast-check';
import { daysInMonth, daysSinceEpoch, normaliseOccurredAt } from './occurred-at.parser';

describe(normaliseOccurredAt.name, () => {
  it.each([
    ['2026-11-28T10:00:01.250Z', '2026-11-28T10:00:01.250Z'],
    ['2026-11-28T10:00:01Z', '2026-11-28T10:00:01.000Z'],
    ['2026-11-28T10:00:01.2Z', '2026-11-28T10:00:01.200Z'],
    ['2026-11-28t10:00:01z', '2026-11-28T10:00:01.000Z'],
    ['2026-11-28T19:00:01.250+09:00', '2026-11-28T10:00:01.250Z'],
    ['2026-11-28T05:30:01.250-04:30', '2026-11-28T10:00:01.250Z'],
    ['2026-11-28T10:00:01.250-00:00', '2026-11-28T10:00:01.250Z'],
    ['2026-01-01T00:30:00+01:00', '2025-12-31T23:30:00.000Z'],
    ['2024-02-29T23:00:00-02:00', '2024-03-01T01:00:00.000Z'],
  ])('should normalise %s to %s', (input, expected) => {
    expect(normaliseOccurredAt(input)).toBe(expected);
  });

  it.each([
    ['2026-11-28T10:00:01.2509Z', '2026-11-28T10:00:01.250Z'],
    ['2026-11-28T10:00:01.999999999Z', '2026-11-28T10:00:01.999Z'],
    ['2026-11-28T23:59:59.9999+00:00', '2026-11-28T23:59:59.999Z'],
  ])('should truncate sub-millisecond digits of %s, never round', (input, expected) => {
    expect(normaliseOccurredAt(input)).toBe(expected);
  });

  it.each([
    ['no zone', '2026-11-28T10:00:01.250'],
    ['space and no zone', '2026-11-28 10:00'],
    ['space separator', '2026-11-28 10:00:01Z'],
    ['no seconds', '2026-11-28T10:00Z'],
    ['month 13', '2026-13-01T10:00:00Z'],
    ['month 0', '2026-00-01T10:00:00Z'],
    ['31 April', '2026-04-31T10:00:00Z'],
    ['29 February of a common year', '2026-02-29T10:00:00Z'],
    ['29 February 1900', '1900-02-29T10:00:00Z'],
    ['hour 24', '2026-11-28T24:00:00Z'],
    ['minute 60', '2026-11-28T10:60:00Z'],
    ['leap second', '2026-12-31T23:59:60Z'],
    ['offset without colon', '2026-11-28T10:00:00+0900'],
    ['offset hour 24', '2026-11-28T10:00:00+24:00'],
    ['empty fraction', '2026-11-28T10:00:00.Z'],
    ['date only', '2026-11-28'],
    ['epoch number as text', '1764324001250'],
    ['trailing text', '2026-11-28T10:00:00Z '],
    ['non-ASCII digits', '２026-11-28T10:00:00Z'],
    ['a year before 0000 once in UTC', '0000-01-01T00:30:00+01:00'],
    ['an empty string', ''],
  ])('should reject %s', (_case, input) => {
    expect(normaliseOccurredAt(input)).toBeNull();
  });

  it('should accept 29 February of 2000', () => {
    expect(normaliseOccurredAt('2000-02-29T00:00:00Z')).toBe('2000-02-29T00:00:00.000Z');
  });

  it('should keep years 0000 to 0099 as written, unlike Date.UTC', () => {
    expect(normaliseOccurredAt('0042-06-01T00:00:00Z')).toBe('0042-06-01T00:00:00.000Z');
  });

  it('should order normalised values as text exactly as it orders instants', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1970-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        fc.date({ min: new Date('1970-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        (a, b) => {
          const na = normaliseOccurredAt(a.toISOString()) ?? '';
          const nb = normaliseOccurredAt(b.toISOString()) ?? '';
          const textOrder = na < nb ? -1 : na > nb ? 1 : 0;
          expect(textOrder).toBe(Math.sign(a.getTime() - b.getTime()));
        },
      ),
    );
  });
});

describe(daysSinceEpoch.name, () => {
  it('should agree with Date.UTC for years 100 to 9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 9999 }), fc.integer({ min: 1, max: 12 }), (y, m) => {
        const day = daysInMonth(y, m);
        expect(daysSinceEpoch(y, m, day) * 86_400_000).toBe(Date.UTC(y, m - 1, day));
      }),
    );
  });
});
