import { parseIsoInstant } from '../../filter';

/**
 * A condition's date value, read by the filter's strict, calendar-checked ISO 8601 parser so that a
 * date means the same in `filter` and in a group condition (JavaScript's Date rolled `02-30+09:00`
 * over into March). Row dates are whole milliseconds, so a finer fraction is dropped, as MongoDB
 * drops it when it stores a date.
 */
export function parseIsoDate(text: string): Date | null {
  const instant = parseIsoInstant(text);
  return instant === undefined ? null : new Date(instant.epochMs);
}
