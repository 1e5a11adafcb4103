import { QueryError } from '../../errors/query-error';

/**
 * Some limits only Elasticsearch can judge: a regexp whose automaton is too costly to determinize,
 * or too many clauses. Those are client mistakes, so they become a 400 here. The check is on the
 * message text (the ES client puts the root causes there) because this library cannot see the
 * client's error classes.
 */
const TOO_COMPLEX =
  /Determinizing .* would require more than \d+ effort|too_complex_to_determinize/s;
const REGEX_TOO_LONG = /The length of regex \[\d+\] used in the Regexp Query request has exceeded/;
const TOO_MANY_CLAUSES = /maxClauseCount is set to|too_many_(nested_)?clauses/;

export function queryErrorForRejection(error: unknown): QueryError | undefined {
  const message = error instanceof Error ? error.message : '';
  if (TOO_COMPLEX.test(message)) {
    return QueryError.invalid(
      'Parameter is invalid. (key = query.filter, reason = a regular expression is too complex for Elasticsearch; avoid long bounded repeats after an unanchored start, e.g. a.{20})',
    );
  }
  if (REGEX_TOO_LONG.test(message)) {
    // Only on an index created before the read model raised index.max_regex_length.
    return QueryError.invalid(
      'Parameter is invalid. (key = query.filter, reason = a substring or regex is longer than this index allows; the read model needs its index.max_regex_length setting)',
    );
  }
  if (TOO_MANY_CLAUSES.test(message)) {
    return QueryError.invalid(
      'Parameter is invalid. (key = query.filter, reason = the filter has too many clauses)',
    );
  }
  return undefined;
}
