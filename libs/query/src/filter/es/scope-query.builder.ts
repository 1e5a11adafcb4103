import { lookupField } from '../../fields';
import { JsonObject } from '../../search-port';
import { KEYWORD_FIELDS, QueryScope } from '../query-scope';
import { containPattern } from '../regex/contain-pattern';
import { allOf, anyOf } from './es-dsl';
import { conditionQuery } from './condition-query.builder';
import { contains } from './field-query.builder';

function keywordQueries(tokens: string[]): JsonObject[] {
  return tokens.flatMap((token) =>
    KEYWORD_FIELDS.map((key) => {
      const field = lookupField(key);
      if (!field) throw new Error(`keyword field ${key} is not registered`);
      return contains(field, containPattern(token));
    }),
  );
}

/**
 * `filter` AND-ed with one OR group made of `filter_or` and the keyword tokens. Tenancy is not added
 * here: the repository behind DomainSearchPort AND-s the domain into every request it sends.
 */
export function buildScopeQuery(scope: QueryScope, now: Date): JsonObject {
  const all = scope.filter.map((condition) => conditionQuery(condition, now));
  const either = [
    ...scope.filterOr.map((condition) => conditionQuery(condition, now)),
    ...keywordQueries(scope.keywordTokens),
  ];
  if (either.length > 0) all.push(anyOf(either));
  return allOf(all);
}
