import { Timediff, TimediffBase, TimediffUnit, TIMEDIFF_UNIT_MS } from '../timediff';

/**
 * SpaceONE's timediff grammar (python-core `parse_timediff_query`, plus `now/m` from 2022):
 * `now`, `now/d`, `now/w`, `now/m`, optionally `± N` with unit s|m|h|d|w, all in UTC. The instant is
 * computed later from the caller's `now` (../timediff.ts) instead of being sent as ES date math.
 */
const TIMEDIFF_PATTERN = /^now(?:\/([dwm]))?(?:\s?([+-])\s?(\d{1,9})([smhdw]))?$/;

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
  if (Math.abs(amount * TIMEDIFF_UNIT_MS[timediffUnit]) > MAX_OFFSET_MS) return undefined;
  return { base, amount, unit: timediffUnit };
}
