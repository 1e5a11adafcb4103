import { uuidV7, uuidV7Time } from './uuid-v7';

describe(uuidV7.name, () => {
  it('should produce RFC 9562 version 7, variant 10 ids carrying the clock in milliseconds', () => {
    const at = Date.parse('2026-11-28T10:00:01.250Z');
    const id = uuidV7(() => at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuidV7Time(id)).toBe(at);
  });

  it('should stay strictly increasing within one millisecond and when the clock steps back', () => {
    const times = [5_000, 5_000, 5_000, 4_000, 6_000];
    const ids = Array.from({ length: 5_000 }, (_, i) => uuidV7(() => times[i % times.length]!));
    const sorted = [...ids].sort();
    expect(ids).toEqual(sorted);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('should not read a time out of text that is not a UUIDv7', () => {
    expect(uuidV7Time('0b9e2a52-8c4f-4f43-9c43-3b1f4f0a7c11')).toBeNull();
    expect(uuidV7Time('event-1')).toBeNull();
  });
});
