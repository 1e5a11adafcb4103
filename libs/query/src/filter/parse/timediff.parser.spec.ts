import { parseIsoInstant } from './iso-instant.parser';
import { resolveTimediff } from '../timediff';
import { parseTimediff } from './timediff.parser';

// A Sunday, to check that now/w goes back to Monday of the same ISO week.
const NOW = new Date('2026-11-29T13:14:15.678Z');

describe('resolveTimediff', () => {
  it.each([
    ['now', '2026-11-29T13:14:15.678Z'],
    [' now ', '2026-11-29T13:14:15.678Z'],
    ['now/d', '2026-11-29T00:00:00.000Z'],
    ['now/w', '2026-11-23T00:00:00.000Z'],
    ['now/m', '2026-11-01T00:00:00.000Z'],
    ['now/d - 7d', '2026-11-22T00:00:00.000Z'],
    ['now-1h', '2026-11-29T12:14:15.678Z'],
    ['now + 24h', '2026-11-30T13:14:15.678Z'],
    ['now-90s', '2026-11-29T13:12:45.678Z'],
    ['now/m-2w', '2026-10-18T00:00:00.000Z'],
    ['now+5m', '2026-11-29T13:19:15.678Z'],
  ])('%s → %s', (text, iso) => {
    const parsed = parseTimediff(text);
    expect(parsed).toBeDefined();
    expect(new Date(resolveTimediff(parsed!, NOW)).toISOString()).toBe(iso);
  });

  it('should resolve now/w on a Monday to that Monday', () => {
    const monday = new Date('2026-11-23T05:00:00Z');
    expect(new Date(resolveTimediff(parseTimediff('now/w')!, monday)).toISOString()).toBe(
      '2026-11-23T00:00:00.000Z',
    );
  });

  it.each([
    'now - 1 d',
    '2020-01-01',
    'now/y',
    'now-1y',
    'now-1.5h',
    'now--1h',
    'NOW',
    'now/d  -  1d',
    '',
  ])('should reject %j', (text) => {
    expect(parseTimediff(text)).toBeUndefined();
  });
});

describe('parseIsoInstant', () => {
  it.each([
    ['2026-11-28T10:00:00.000Z', Date.parse('2026-11-28T10:00:00.000Z'), false],
    ['2026-11-28', Date.parse('2026-11-28T00:00:00Z'), false],
    ['2026-11', Date.parse('2026-11-01T00:00:00Z'), false],
    ['2026', Date.parse('2026-01-01T00:00:00Z'), false],
    ['2026-11-28T10:00', Date.parse('2026-11-28T10:00:00Z'), false],
    ['2026-11-28 10:00:00+09:00', Date.parse('2026-11-28T01:00:00Z'), false],
    ['2026-11-28T10:00:00-0130', Date.parse('2026-11-28T11:30:00Z'), false],
    ['2026-11-28T10:00:00.1234Z', Date.parse('2026-11-28T10:00:00.123Z'), true],
    ['2026-11-28T10:00:00.1230Z', Date.parse('2026-11-28T10:00:00.123Z'), false],
    ['0001-01-01T00:00:00Z', Date.parse('0001-01-01T00:00:00Z'), false],
    ['2024-02-29', Date.parse('2024-02-29T00:00:00Z'), false],
  ])('%s', (text, epochMs, subMs) => {
    expect(parseIsoInstant(text)).toEqual({ epochMs, subMs });
  });

  it.each([
    '2026-13-01',
    '2025-02-29',
    '2026-11-28T24:00:00Z',
    '2026-11-28T10:60Z',
    '28-11-2026',
    '2026-11-28T10:00:00+25:00',
    '2026-11-28Z',
    'now',
    '20261128',
    '2026-11-28T10',
  ])('should reject %j', (text) => {
    expect(parseIsoInstant(text)).toBeUndefined();
  });
});
