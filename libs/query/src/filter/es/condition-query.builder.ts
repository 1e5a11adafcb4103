import { FieldSpec, lookupField } from '../../fields';
import { JsonObject } from '../../search-port';
import { comparisonOf } from '../filter-operators';
import { parseTimediff, resolveTimediff } from '../parse/timediff.parser';
import { FilterCondition } from '../query-scope';
import { not } from './es-dsl';
import {
  anyOf,
  compare,
  compareInstant,
  contains,
  elementMatches,
  equals,
  matchesRegex,
  oneOf,
  present,
} from './field-query.builder';

function fieldOf(condition: FilterCondition): FieldSpec {
  const field = lookupField(condition.key);
  if (!field) throw new Error(`condition on unknown key ${condition.key} was not validated`);
  return field;
}

/**
 * ES query for one validated condition. Every negative operator is the negation of its positive
 * form, which gives MongoDB's "also matches missing" and api.md's "no error satisfies" in one rule.
 */
export function conditionQuery(condition: FilterCondition, now: Date): JsonObject {
  const field = fieldOf(condition);
  const value = condition.value;
  const op = condition.operator;
  switch (op) {
    case 'eq':
      return equals(field, value);
    case 'not':
      return not(equals(field, value));
    case 'in':
      return oneOf(field, value as unknown[]);
    case 'not_in':
      return not(oneOf(field, value as unknown[]));
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
    case 'datetime_lt':
    case 'datetime_lte':
    case 'datetime_gt':
    case 'datetime_gte':
      return compare(field, comparisonOf(op), value);
    case 'timediff_lt':
    case 'timediff_lte':
    case 'timediff_gt':
    case 'timediff_gte': {
      const timediff = parseTimediff(value as string);
      if (!timediff) throw new Error(`unvalidated timediff ${String(value)}`);
      return compareInstant(field, comparisonOf(op), resolveTimediff(timediff, now), false);
    }
    case 'exists':
      return value === true ? present(field) : not(present(field));
    case 'contain':
      return contains(field, value as string);
    case 'not_contain':
      return not(contains(field, value as string));
    case 'contain_in':
      return anyOf((value as string[]).map((item) => contains(field, item)));
    case 'not_contain_in':
      // SpaceONE's literal semantics: an OR over the items' not_contain.
      return anyOf((value as string[]).map((item) => not(contains(field, item))));
    case 'regex':
      return matchesRegex(field, value as string);
    case 'regex_in':
      return anyOf((value as string[]).map((item) => matchesRegex(field, item)));
    case 'match':
      return elementMatches(value as Record<string, unknown>);
    default: {
      const unreachable: never = op;
      return unreachable;
    }
  }
}
