import type { JsonObject } from '../../search-port';
import type { FieldCondition } from '../stat.types';

const MATCH_NONE: JsonObject = { match_none: {} };
const MATCH_ALL: JsonObject = { match_all: {} };

function esValue(v: FieldCondition['value']): string | number {
  return v instanceof Date ? v.toISOString() : v;
}

/**
 * Integer fields hold whole numbers only, so a fractional bound is rewritten to the equivalent whole
 * one here instead of relying on how Elasticsearch rounds range bounds on integer fields.
 */
function integerCondition(c: FieldCondition & { value: number }): FieldCondition | JsonObject {
  if (Number.isInteger(c.value)) return c;
  switch (c.operator) {
    case 'eq':
      return MATCH_NONE;
    case 'not':
      return MATCH_ALL;
    case 'gt':
    case 'lte':
      return { ...c, value: Math.floor(c.value) };
    case 'gte':
    case 'lt':
      return { ...c, value: Math.ceil(c.value) };
    default: {
      const unreachable: never = c.operator;
      return unreachable;
    }
  }
}

function isCondition(x: FieldCondition | JsonObject): x is FieldCondition {
  return 'operator' in x && 'key' in x && 'value' in x;
}

/**
 * The ES query selecting the rows for which the condition holds, with MongoDB aggregation semantics:
 * a missing (null) field is below every value, so it satisfies `not`, `lt` and `lte`.
 */
export function conditionQuery(condition: FieldCondition, integerField: boolean): JsonObject {
  const c =
    integerField && typeof condition.value === 'number'
      ? integerCondition({ ...condition, value: condition.value })
      : condition;
  if (!isCondition(c)) return c;
  const field = c.key;
  const value = esValue(c.value);
  const missing: JsonObject = { bool: { must_not: [{ exists: { field } }] } };
  switch (c.operator) {
    case 'eq':
      return { term: { [field]: value } };
    case 'not':
      return { bool: { must_not: [{ term: { [field]: value } }] } };
    case 'gt':
    case 'gte':
      return { range: { [field]: { [c.operator]: value } } };
    case 'lt':
    case 'lte':
      return {
        bool: {
          should: [{ range: { [field]: { [c.operator]: value } } }, missing],
          minimum_should_match: 1,
        },
      };
    default: {
      const unreachable: never = c.operator;
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
