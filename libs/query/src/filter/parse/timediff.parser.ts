/**
 * SpaceONE's timediff grammar (python-core `parse_timediff_query`, plus `now/m` from 2022):
 * `now`, `now/d`, `now/w`, `now/m`, optionally `± N` with unit s|m|h|d|w, all in UTC. The instant is
 * computed here from the caller's `now` instead of being sent as ES date math, so the query and the
 * reference evaluator agree to the millisecond.
 */
export type TimediffBase = 'now' | 'day' | 'week' | 'month';
export type TimediffUnit = 's' | 'm' | 'h' | 'd' | 'w';

export interface Timediff {
  readonly base: TimediffBase;
  /** signed amount of `unit`s added to the base */
  readonly amount: number;
  readonly unit: TimediffUnit;
}

const TIMEDIFF_PATTERN = /^now(?:\/([dwm]))?(?:\s?([+-])\s?(\d{1,9})([smhdw]))?$/;

const UNIT_MS: Record<TimediffUnit, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** ±100,000 years keeps every resolved instant inside the range of a JS Date and an ES date. */
const MAX_OFFSET_MS = 100_000 * 366 * 86_400_000;

export function parseTimediff(text: string): Timediff | undefined {
  const m = TIMEDIFF_PATTERN.exec(text.trim());
  if (!m) return undefined;
  const [, baseCode, sign, digits, unit] = m;
  const base: TimediffBase =
    baseCode === 'd' ? 'day' : baseCode === 'w' ? 'week' : baseCode === 'm' ? 'month' : 'now';
  if (digits === undefined) return { base, amount: 0, unit: 's' };
  const amount = (sign === '-' ? -1 : 1) * Number(digits);
  const timediffUnit = unit as TimediffUnit;
  if (Math.abs(amount * UNIT_MS[timediffUnit]) > MAX_OFFSET_MS) return undefined;
  return { base, amount, unit: timediffUnit };
}

function baseInstant(base: TimediffBase, now: Date): number {
  const start = new Date(now.getTime());
  switch (base) {
    case 'now':
      return start.getTime();
    case 'day':
      return start.setUTCHours(0, 0, 0, 0);
    case 'week': {
      // ISO weeks start on Monday; getUTCDay() is 0 for Sunday.
      const sinceMonday = (start.getUTCDay() + 6) % 7;
      start.setUTCDate(start.getUTCDate() - sinceMonday);
      return start.setUTCHours(0, 0, 0, 0);
    }
    case 'month':
      start.setUTCDate(1);
      return start.setUTCHours(0, 0, 0, 0);
    default: {
      const unreachable: never = base;
      return unreachable;
    }
  }
}

/** The instant (epoch ms) a timediff denotes relative to `now`. */
export function resolveTimediff(timediff: Timediff, now: Date): number {
  return baseInstant(timediff.base, now) + timediff.amount * UNIT_MS[timediff.unit];
}
