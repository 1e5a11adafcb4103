const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** A strict ISO 8601 instant (date-only and zone-less values are UTC), or null when it is not one. */
export function parseIsoDate(text: string): Date | null {
  const m = ISO_8601.exec(text);
  if (m === null) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone = 'Z'] = m;
  const ms = (frac + '000').slice(0, 3);
  const normalised = `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`;
  const date = new Date(normalised);
  if (Number.isNaN(date.getTime())) return null;
  // Reject calendar overflow such as 2026-02-30, which Date would silently roll over.
  if (zone === 'Z' && date.toISOString().slice(0, 19) !== normalised.slice(0, 19)) return null;
  return date;
}
