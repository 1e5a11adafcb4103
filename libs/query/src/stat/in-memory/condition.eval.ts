import { type Row, readPath } from './row-value';
import type { FieldCondition } from '../stat.types';
import { compareValues } from './value-order';

/**
 * A group-field condition as MongoDB's `$cond` evaluates `{$<op>: ["$key", value]}`: null sorts below
 * every value, so `not` and `lt`/`lte` hold for a null field while `eq`, `gt` and `gte` do not.
 */
export function conditionHolds(row: Row, c: FieldCondition): boolean {
  const v = readPath(row, c.key);
  const cmp = compareValues(v, c.value);
  switch (c.operator) {
    case 'eq':
      return cmp === 0;
    case 'not':
      return cmp !== 0;
    case 'gt':
      return cmp > 0;
    case 'gte':
      return cmp >= 0;
    case 'lt':
      return cmp < 0;
    case 'lte':
      return cmp <= 0;
    default: {
      const unreachable: never = c.operator;
      return unreachable;
    }
  }
}

export function conditionsHold(row: Row, conditions: readonly FieldCondition[]): boolean {
  return conditions.every((c) => conditionHolds(row, c));
}
