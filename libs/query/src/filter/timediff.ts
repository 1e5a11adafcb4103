/**
 * A parsed SpaceONE timediff (`now/d - 7d`, see parse/timediff.parser.ts). It is kept unresolved in
 * the parsed request and turned into an instant only when a query is built, against that request's
 * `now`, so the query and the reference evaluator agree to the millisecond.
 */
export type TimediffBase = 'now' | 'day' | 'week' | 'month';
export type TimediffUnit = 's' | 'm' | 'h' | 'd' | 'w';

export interface Timediff {
  readonly base: TimediffBase;
  /** signed amount of `unit`s added to the base */
  readonly amount: number;
  readonly unit: TimediffUnit;
}

export const TIMEDIFF_UNIT_MS: Readonly<Record<TimediffUnit, number>> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

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

/** The instant (epoch ms) a timediff denotes relative to `now` (UTC). */
export function resolveTimediff(timediff: Timediff, now: Date): number {
  return baseInstant(timediff.base, now) + timediff.amount * TIMEDIFF_UNIT_MS[timediff.unit];
}
