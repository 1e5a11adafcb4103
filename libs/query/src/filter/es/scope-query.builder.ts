import { JOB_TASK_FIELDS } from '../../fields';
import { JsonObject } from '../../search-port';
import { KEYWORD_FIELDS, QueryScope } from '../query-scope';
import { containPattern } from '../regex/contain-pattern';
import { allOf, anyOf } from './es-dsl';
import { conditionQuery } from './condition-query.builder';
import { contains } from './field-query.builder';

const KEYWORD_SPECS = KEYWORD_FIELDS.flatMap((key) =>
  JOB_TASK_FIELDS.filter((field) => field.key === key),
);

function keywordQueries(tokens: string[]): JsonObject[] {
  return tokens.flatMap((token) => {
    const pattern = containPattern(token);
    return KEYWORD_SPECS.map((field) => contains(field, pattern));
  });
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
