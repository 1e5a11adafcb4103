import { int32Bound, integerBound, isInt32 } from '../../filter/es/numeric-bounds';
import type { JsonObject } from '../../search-port';
import type { ConditionOperator, FieldCondition } from '../stat.types';

const MATCH_NONE: JsonObject = { match_none: {} };
const MATCH_ALL: JsonObject = { match_all: {} };

function esValue(v: FieldCondition['value']): string | number {
  return v instanceof Date ? v.toISOString() : v;
}

const missing = (field: string): JsonObject => ({ bool: { must_not: [{ exists: { field } }] } });

/** With MongoDB's order a missing (null) field is below every value. */
function orMissing(field: string, query: JsonObject): JsonObject {
  return { bool: { should: [query, missing(field)], minimum_should_match: 1 } };
}

const isBelow = (op: ConditionOperator): boolean => op === 'lt' || op === 'lte';

/**
 * Integer fields hold int32 whole numbers, so the bound is made whole and inclusive, and decided
 * outright when it lies outside int32, with the filter's helpers; a missing field stays below it.
 */
function integerCondition(c: FieldCondition & { value: number }): JsonObject {
  const field = c.key;
  if (c.operator === 'eq') return isInt32(c.value) ? { term: { [field]: c.value } } : MATCH_NONE;
  if (c.operator === 'not') {
    return isInt32(c.value) ? { bool: { must_not: [{ term: { [field]: c.value } }] } } : MATCH_ALL;
  }
  const below = isBelow(c.operator);
  const bound = int32Bound(integerBound(c.operator, c.value));
  if (bound === 'every') return below ? MATCH_ALL : { exists: { field } };
  if (bound === 'none') return below ? missing(field) : MATCH_NONE;
  const query = { range: { [field]: { ...bound } } };
  return below ? orMissing(field, query) : query;
}

/**
 * The ES query selecting the rows for which the condition holds, with MongoDB aggregation semantics:
 * a missing (null) field is below every value, so it satisfies `not`, `lt` and `lte`.
 */
export function conditionQuery(condition: FieldCondition, integerField: boolean): JsonObject {
  if (integerField && typeof condition.value === 'number') {
    return integerCondition({ ...condition, value: condition.value });
  }
  const field = condition.key;
  const value = esValue(condition.value);
  switch (condition.operator) {
    case 'eq':
      return { term: { [field]: value } };
    case 'not':
      return { bool: { must_not: [{ term: { [field]: value } }] } };
    case 'gt':
    case 'gte':
      return { range: { [field]: { [condition.operator]: value } } };
    case 'lt':
    case 'lte':
      return orMissing(field, { range: { [field]: { [condition.operator]: value } } });
    default: {
      const unreachable: never = condition.operator;
      return unreachable;
    }
  }
}

export function conditionsQuery(
  conditions: readonly FieldCondition[],
  isInteger: (key: string) => boolean,
): JsonObject {
  if (conditions.length === 0) return MATCH_ALL;
  return { bool: { filter: conditions.map((c) => conditionQuery(c, isInteger(c.key))) } };
}
