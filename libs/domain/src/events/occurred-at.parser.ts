/*
 * A strict RFC 3339 date-time parser. Date.parse is deliberately not used: it accepts strings without a zone (and
 * reads them as local time), accepts a space for `T`, and silently rolls day 31 of a 30-day month into the next one.
 */
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
// The normalised form has a four-digit year, so the instant must stay inside years 0000–9999 once in UTC.
const MIN_UTC_MS = -62_167_219_200_000;
const MAX_UTC_MS = 253_402_300_799_999;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date; Date.UTC is avoided because it maps years 0–99 to 19xx. */
export function daysSinceEpoch(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/**
 * Parses an RFC 3339 date-time with a mandatory zone (`Z` or `±hh:mm`) and returns it as UTC with exactly three
 * fraction digits, e.g. `2026-11-28T10:00:01.250Z`. Sub-millisecond digits are truncated, never rounded, so two
 * emitters that agree to the millisecond always agree after normalisation. Returns null when the text is not such
 * a date-time (no zone, month 13, 31 April, leap second, hour 24, …).
 */
export function normaliseOccurredAt(text: string): string | null {
  if (isCanonicalUtc(text)) return text;
  return parseOccurredAt(text);
}

const DIGIT_0 = 48;
// Positions of the separators in `YYYY-MM-DDTHH:mm:ss.sssZ`; every other position is a digit.
const SEPARATORS: readonly (readonly [number, number])[] = [
  [4, 45], // -
  [7, 45], // -
  [10, 84], // T
  [13, 58], // :
  [16, 58], // :
  [19, 46], // .
  [23, 90], // Z
];

function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i += 1) value = value * 10 + text.charCodeAt(i) - DIGIT_0;
  return value;
}

/**
 * The form most emitters send, which is already the normalised one: checked by character codes, without the
 * regex, the date arithmetic and the Date object of the general parser. Any other spelling (offsets, lower-case
 * `t`/`z`, other fraction lengths) takes the general path.
 */
export function isCanonicalUtc(text: string): boolean {
  if (text.length !== 24) return false;
  for (let i = 0, s = 0; i < 24; i += 1) {
    const code = text.charCodeAt(i);
    const separator = SEPARATORS[s];
    if (separator !== undefined && separator[0] === i) {
      if (code !== separator[1]) return false;
      s += 1;
    } else if (code < DIGIT_0 || code > DIGIT_0 + 9) return false;
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  return digits(text, 11, 2) <= 23 && digits(text, 14, 2) <= 59 && digits(text, 17, 2) <= 59;
}

/** The general RFC 3339 parser behind `normaliseOccurredAt`, for any spelling with a zone. */
export function parseOccurredAt(text: string): string | null {
  const match = DATE_TIME.exec(text);
  if (match === null) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const millis = Number((match[7] ?? '').slice(0, 3).padEnd(3, '0'));
  const offsetMinutes = parseOffsetMinutes(match[9], match[10], match[11]);
  if (offsetMinutes === null) return null;
  const localMs =
    daysSinceEpoch(year, month, day) * MS_PER_DAY +
    ((hour * 60 + minute) * 60 + second) * 1000 +
    millis;
  const utcMs = localMs - offsetMinutes * MS_PER_MINUTE;
  if (utcMs < MIN_UTC_MS || utcMs > MAX_UTC_MS) return null;
  return new Date(utcMs).toISOString();
}

function parseOffsetMinutes(
  sign: string | undefined,
  hours: string | undefined,
  minutes: string | undefined,
): number | null {
  if (sign === undefined || hours === undefined || minutes === undefined) return 0;
  const h = Number(hours);
  const m = Number(minutes);
  if (h > 23 || m > 59) return null;
  return (sign === '-' ? -1 : 1) * (h * 60 + m);
}
