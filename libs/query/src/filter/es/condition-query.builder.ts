import { JsonObject } from '../../search-port';
import { FilterCondition } from '../condition.types';
import { resolveTimediff } from '../timediff';
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

/**
 * ES query for one parsed condition. Every negative operator is the negation of its positive form,
 * which gives MongoDB's "also matches missing" and api.md's "no error satisfies" in one rule.
 */
export function conditionQuery(condition: FilterCondition, now: Date): JsonObject {
  const { field } = condition;
  switch (condition.kind) {
    case 'equals': {
      const query = equals(field, condition.operand);
      return condition.negated ? not(query) : query;
    }
    case 'one-of': {
      const query = oneOf(field, condition.operands, condition.includesNull);
      return condition.negated ? not(query) : query;
    }
    case 'compare':
      return compare(field, condition.comparison, condition.operand);
    case 'timediff': {
      const instant = resolveTimediff(condition.timediff, now);
      return compareInstant(field, condition.comparison, instant, false);
    }
    case 'exists':
      return condition.present ? present(field) : not(present(field));
    case 'substring':
      // not_contain_in is SpaceONE's literal OR over the items' not_contain
      return anyOf(
        condition.literals.map((literal) => {
          const query = contains(field, literal.pattern);
          return condition.negated ? not(query) : query;
        }),
      );
    case 'regex':
      return anyOf(condition.patterns.map((regex) => matchesRegex(field, regex)));
    case 'match':
      return elementMatches(condition.pairs);
    default: {
      const unreachable: never = condition;
      return unreachable;
    }
  }
}
