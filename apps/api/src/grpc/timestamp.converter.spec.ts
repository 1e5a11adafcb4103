import { isoToTimestamp, timestampToIso } from './timestamp.converter';

describe(isoToTimestamp.name, () => {
  it.each([
    ['whole seconds', '1970-01-01T00:00:01Z', { seconds: 1, nanos: 0 }],
    ['milliseconds', '2026-11-28T10:00:00.123Z', { seconds: 1795860000, nanos: 123_000_000 }],
    ['nanoseconds', '1970-01-01T00:00:00.000000001Z', { seconds: 0, nanos: 1 }],
    ['an offset', '1970-01-01T01:00:00.500+01:00', { seconds: 0, nanos: 500_000_000 }],
    ['a time before 1970', '1969-12-31T23:59:59.250Z', { seconds: -1, nanos: 250_000_000 }],
  ])('should convert %s', (_, iso, timestamp) => {
    expect(isoToTimestamp(iso)).toEqual(timestamp);
  });

  it.each(['', 'yesterday', '2026-11-28', '2026-13-01T00:00:00Z'])(
    'should leave %j unset, as it is no instant',
    (iso) => {
      expect(isoToTimestamp(iso)).toBeUndefined();
    },
  );
});

describe(timestampToIso.name, () => {
  it('should render UTC with milliseconds, int64 seconds given as a string', () => {
    expect(timestampToIso({ seconds: '1795860000', nanos: 123_456_789 })).toBe(
      '2026-11-28T10:00:00.123Z',
    );
  });

  it('should treat missing parts as zero and a missing timestamp as null', () => {
    expect(timestampToIso({})).toBe('1970-01-01T00:00:00.000Z');
    expect(timestampToIso(undefined)).toBeNull();
  });

  it('should invert isoToTimestamp for the API format', () => {
    const iso = '2026-02-03T04:05:06.789Z';
    expect(timestampToIso(isoToTimestamp(iso))).toBe(iso);
  });
});
