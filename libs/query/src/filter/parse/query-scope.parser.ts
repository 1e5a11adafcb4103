import { FilterCondition, KEYWORD_FIELDS, QueryScope } from '../query-scope';
import { parseFilterCondition } from './condition.parser';
import { containValueProblem } from './contain-value.check';
import {
  exceedsCharacters,
  hasLoneSurrogate,
  invalid,
  LONE_SURROGATE_REASON,
  MAX_CONDITIONS,
  MAX_KEYWORD_LENGTH,
  MAX_SCOPE_CLAUSES,
  typeError,
} from './parse-limits';

/**
 * Reads `filter`, `filter_or` (or proto3-JSON `filterOr`) and `keyword` from a Query or
 * StatisticsQuery object; other keys are the caller's. null means absent (proto3 JSON).
 */
export function parseQueryScope(raw: Record<string, unknown>, path: string): QueryScope {
  if ('filter_or' in raw && 'filterOr' in raw) {
    throw invalid(`${path}.filter_or`, 'give either filter_or or filterOr, not both');
  }
  const orKey = 'filter_or' in raw ? 'filter_or' : 'filterOr';
  const scope: QueryScope = {
    filter: parseConditions(raw.filter, `${path}.filter`),
    filterOr: parseConditions(raw[orKey], `${path}.${orKey}`),
    keywordTokens: parseKeyword(raw.keyword, `${path}.keyword`),
  };
  const clauses =
    [...scope.filter, ...scope.filterOr].reduce((n, c) => n + clauseCount(c), 0) +
    scope.keywordTokens.length * KEYWORD_FIELDS.length;
  if (clauses > MAX_SCOPE_CLAUSES) {
    throw invalid(
      path,
      `the filter needs ${clauses} query clauses; at most ${MAX_SCOPE_CLAUSES} are allowed`,
    );
  }
  return scope;
}

/**
 * Each literal and regex of a list becomes its own ES clause, and so does each date of an `in` (counted
 * as the client's list, nulls and repeats included); everything else is one clause.
 */
function clauseCount(condition: FilterCondition): number {
  switch (condition.kind) {
    case 'substring':
      return condition.literals.length;
    case 'regex':
      return condition.patterns.length;
    case 'one-of': {
      const given = condition.source.value;
      const items = Array.isArray(given) ? given.length : 1;
      return condition.field.kind === 'date' ? Math.max(1, items) : 1;
    }
    case 'equals':
    case 'compare':
    case 'timediff':
    case 'exists':
    case 'match':
      return 1;
    default: {
      const unreachable: never = condition;
      return unreachable;
    }
  }
}

function parseConditions(raw: unknown, path: string): FilterCondition[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw typeError(path, 'list');
  if (raw.length > MAX_CONDITIONS) {
    throw invalid(path, `at most ${MAX_CONDITIONS} conditions are allowed`);
  }
  return raw.map((condition, i) => parseFilterCondition(condition, `${path}[${i}]`));
}

/** SpaceONE (2020-10+): trimmed, split on whitespace, empty tokens dropped. */
function parseKeyword(raw: unknown, path: string): string[] {
  if (raw === undefined || raw === null) return [];
  if (typeof raw !== 'string') throw typeError(path, 'string');
  if (exceedsCharacters(raw, MAX_KEYWORD_LENGTH)) {
    throw invalid(path, `keyword is limited to ${MAX_KEYWORD_LENGTH} characters`);
  }
  if (hasLoneSurrogate(raw)) throw invalid(path, `keyword ${LONE_SURROGATE_REASON}`);
  const tokens = raw.split(/\s+/).filter((token) => token !== '');
  for (const token of tokens) {
    const reason = containValueProblem(token);
    if (reason) throw invalid(path, reason);
  }
  return tokens;
}
