import { QueryError, QueryErrorCode } from '../../errors/query-error';
import { parseQueryScope } from './query-scope.parser';

function errorOf(raw: Record<string, unknown>): QueryError {
  try {
    parseQueryScope(raw, 'query');
  } catch (error) {
    if (error instanceof QueryError) return error;
    throw error;
  }
  throw new Error('expected a QueryError');
}

const filter = (condition: unknown) => ({ filter: [condition] });

describe('parseQueryScope', () => {
  it('should resolve k/v/o aliases and filterOr', () => {
    const scope = parseQueryScope(
      {
        filter: [{ k: 'status', v: 'SUCCESS', o: 'eq' }],
        filterOr: [{ key: 'job_id', operator: 'eq' }],
      },
      'query',
    );
    expect(scope.filter.map((c) => c.source)).toEqual([
      { key: 'status', value: 'SUCCESS', operator: 'eq' },
    ]);
    expect(scope.filterOr.map((c) => c.source)).toEqual([
      { key: 'job_id', value: null, operator: 'eq' },
    ]);
    expect(scope.keywordTokens).toEqual([]);
  });

  it('should count the keyword limit in characters, so 1,000 emoji fit and 1,001 do not', () => {
    const emoji = '\u{1F600}';
    expect(
      parseQueryScope({ keyword: `${emoji.repeat(501)} ${emoji.repeat(498)}` }, 'q').keywordTokens,
    ).toEqual([emoji.repeat(501), emoji.repeat(498)]);
    expect(parseQueryScope({ keyword: emoji.repeat(1000) }, 'q').keywordTokens).toHaveLength(1);
    expect(errorOf({ keyword: emoji.repeat(1001) }).message).toBe(
      'Parameter is invalid. (key = query.keyword, reason = keyword is limited to 1000 characters)',
    );
  });

  it("should count a string value in UTF-16 units and say so, keeping a term under Lucene's byte limit", () => {
    expect(
      errorOf(filter({ k: 'job_id', v: '\u{1F600}'.repeat(5001), o: 'eq' })).message,
    ).toContain('values are limited to 10000 UTF-16 code units (an emoji takes two)');
  });

  it('should split the keyword on whitespace', () => {
    expect(parseQueryScope({ keyword: ' a\tb\n c ' }, 'q').keywordTokens).toEqual(['a', 'b', 'c']);
  });

  it('should treat null members as absent', () => {
    expect(parseQueryScope({ filter: null, filter_or: null, keyword: null }, 'q')).toEqual({
      filter: [],
      filterOr: [],
      keywordTokens: [],
    });
  });

  it.each<[string, Record<string, unknown>, QueryErrorCode, string]>([
    [
      'scalar op given a list',
      filter({ k: 'status', v: ['a'], o: 'eq' }),
      'ERROR_OPERATOR_VALUE_TYPE',
      "'eq operator' does not support list type",
    ],
    [
      'list op given a scalar',
      filter({ k: 'status', v: 'a', o: 'in' }),
      'ERROR_OPERATOR_LIST_VALUE_TYPE',
      "'in operator' must be a list type",
    ],
    [
      'list op without value',
      filter({ k: 'status', o: 'not_in' }),
      'ERROR_OPERATOR_LIST_VALUE_TYPE',
      'not_in',
    ],
    [
      'exists given a string',
      filter({ k: 'status', v: 'true', o: 'exists' }),
      'ERROR_OPERATOR_BOOLEAN_TYPE',
      'must be a boolean type',
    ],
    [
      'match given a list',
      filter({ k: 'errors', v: [], o: 'match' }),
      'ERROR_OPERATOR_DICT_VALUE_TYPE',
      'must be a dictionary type',
    ],
    [
      'unknown operator',
      filter({ k: 'status', v: 'a', o: 'like' }),
      'ERROR_INVALID_PARAMETER',
      'operator = like',
    ],
    [
      'missing operator',
      filter({ k: 'status', v: 'a' }),
      'ERROR_INVALID_PARAMETER',
      'supported operators = eq, not',
    ],
    [
      'non-string operator',
      filter({ k: 'status', v: 'a', o: 1 }),
      'ERROR_INVALID_PARAMETER_TYPE',
      'query.filter[0].operator',
    ],
    [
      'missing key',
      filter({ v: 'a', o: 'eq' }),
      'ERROR_REQUIRED_PARAMETER',
      'key = query.filter[0].key',
    ],
    [
      'non-string key',
      filter({ k: 3, v: 'a', o: 'eq' }),
      'ERROR_INVALID_PARAMETER_TYPE',
      'query.filter[0].key',
    ],
    [
      'unknown key',
      filter({ k: 'state', v: 'a', o: 'eq' }),
      'ERROR_INVALID_PARAMETER',
      'unknown key "state"',
    ],
    [
      'errors.additional',
      filter({ k: 'errors.additional', v: 'a', o: 'eq' }),
      'ERROR_INVALID_PARAMETER',
      'not filterable',
    ],
    [
      'both key and k',
      filter({ key: 'status', k: 'status', v: 'a', o: 'eq' }),
      'ERROR_INVALID_PARAMETER',
      'either key or k',
    ],
    [
      'unknown condition field',
      filter({ k: 'status', v: 'a', o: 'eq', x: 1 }),
      'ERROR_INVALID_PARAMETER',
      'unknown field x',
    ],
    [
      'condition not an object',
      filter('status=a'),
      'ERROR_INVALID_PARAMETER_TYPE',
      'type = object',
    ],
    ['filter not a list', { filter: {} }, 'ERROR_INVALID_PARAMETER_TYPE', 'query.filter'],
    [
      'filter_or and filterOr',
      { filter_or: [], filterOr: [] },
      'ERROR_INVALID_PARAMETER',
      'filter_or',
    ],
    ['keyword not a string', { keyword: 5 }, 'ERROR_INVALID_PARAMETER_TYPE', 'query.keyword'],
    ['keyword too long', { keyword: 'x'.repeat(1001) }, 'ERROR_INVALID_PARAMETER', '1000'],
    [
      'too many conditions',
      { filter: Array(1001).fill({ k: 'status', o: 'eq' }) },
      'ERROR_INVALID_PARAMETER',
      'at most',
    ],
    [
      'object to scalar op',
      filter({ k: 'status', v: {}, o: 'eq' }),
      'ERROR_INVALID_PARAMETER',
      'scalar',
    ],
    [
      'number on keyword',
      filter({ k: 'status', v: 3, o: 'eq' }),
      'ERROR_INVALID_PARAMETER',
      'not a string',
    ],
    [
      'string on integer',
      filter({ k: 'success_count', v: '3', o: 'gt' }),
      'ERROR_INVALID_PARAMETER',
      'not a number',
    ],
    [
      'non-ISO date',
      filter({ k: 'created_at', v: '28/11/2026', o: 'gt' }),
      'ERROR_INVALID_PARAMETER',
      'ISO 8601',
    ],
    [
      'non-ISO datetime_',
      filter({ k: 'created_at', v: 'yesterday', o: 'datetime_gt' }),
      'ERROR_INVALID_PARAMETER',
      'ISO 8601',
    ],
    [
      'impossible date',
      filter({ k: 'created_at', v: '2026-02-30', o: 'eq' }),
      'ERROR_INVALID_PARAMETER',
      'ISO 8601',
    ],
    [
      'datetime_ on keyword',
      filter({ k: 'job_id', v: '2026-01-01', o: 'datetime_gt' }),
      'ERROR_INVALID_PARAMETER',
      'date keys only',
    ],
    [
      'bad timediff',
      filter({ k: 'created_at', v: 'now - 1 d', o: 'timediff_gt' }),
      'ERROR_INVALID_PARAMETER',
      'timediff',
    ],
    [
      'ISO given to timediff',
      filter({ k: 'created_at', v: '2026-01-01', o: 'timediff_gt' }),
      'ERROR_INVALID_PARAMETER',
      'timediff',
    ],
    [
      'absurd timediff',
      filter({ k: 'created_at', v: 'now+999999999w', o: 'timediff_gt' }),
      'ERROR_INVALID_PARAMETER',
      'timediff',
    ],
    [
      'timediff on keyword',
      filter({ k: 'status', v: 'now', o: 'timediff_gt' }),
      'ERROR_INVALID_PARAMETER',
      'date keys only',
    ],
    [
      'contain on integer',
      filter({ k: 'success_count', v: '1', o: 'contain' }),
      'ERROR_INVALID_PARAMETER',
      'string keys only',
    ],
    [
      'contain with a number',
      filter({ k: 'job_id', v: 1, o: 'contain' }),
      'ERROR_INVALID_PARAMETER',
      'not a string',
    ],
    [
      'contain_in empty',
      filter({ k: 'job_id', v: [], o: 'contain_in' }),
      'ERROR_INVALID_PARAMETER',
      'must not be empty',
    ],
    [
      'not_contain_in empty',
      filter({ k: 'job_id', v: [], o: 'not_contain_in' }),
      'ERROR_INVALID_PARAMETER',
      'must not be empty',
    ],
    [
      'regex_in empty',
      filter({ k: 'job_id', v: [], o: 'regex_in' }),
      'ERROR_INVALID_PARAMETER',
      'must not be empty',
    ],
    [
      'contain_in with null',
      filter({ k: 'job_id', v: [null], o: 'contain_in' }),
      'ERROR_INVALID_PARAMETER',
      'not a string',
    ],
    [
      'null comparison',
      filter({ k: 'job_id', v: null, o: 'lt' }),
      'ERROR_INVALID_PARAMETER',
      'null cannot be compared',
    ],
    [
      'errors compared',
      filter({ k: 'errors', v: 'x', o: 'eq' }),
      'ERROR_INVALID_PARAMETER',
      'errors supports only',
    ],
    [
      'match on a keyword',
      filter({ k: 'job_id', v: {}, o: 'match' }),
      'ERROR_INVALID_PARAMETER',
      'errors only',
    ],
    [
      'match on additional',
      filter({ k: 'errors', v: { additional: {} }, o: 'match' }),
      'ERROR_INVALID_PARAMETER',
      'not "additional"',
    ],
    [
      'match non-string',
      filter({ k: 'errors', v: { error_code: 1 }, o: 'match' }),
      'ERROR_INVALID_PARAMETER',
      'must be a string',
    ],
    [
      'lookahead',
      filter({ k: 'job_id', v: 'a(?=b)', o: 'regex' }),
      'ERROR_INVALID_PARAMETER',
      'lookaround',
    ],
    [
      'lazy regex',
      filter({ k: 'job_id', v: 'a+?', o: 'regex' }),
      'ERROR_INVALID_PARAMETER',
      'lazy',
    ],
    [
      'back-reference',
      filter({ k: 'job_id', v: '(a)\\1', o: 'regex' }),
      'ERROR_INVALID_PARAMETER',
      'back-references',
    ],
    [
      'bad regex in list',
      filter({ k: 'job_id', v: ['ok', '('], o: 'regex_in' }),
      'ERROR_INVALID_PARAMETER',
      'missing )',
    ],
    [
      'huge list',
      filter({ k: 'job_id', v: Array(1001).fill('a'), o: 'in' }),
      'ERROR_INVALID_PARAMETER',
      'limited to 1000 items',
    ],
    [
      'huge value',
      filter({ k: 'job_id', v: 'a'.repeat(10_001), o: 'eq' }),
      'ERROR_INVALID_PARAMETER',
      'limited to 10000',
    ],
    [
      'regex too long once expanded',
      filter({ k: 'job_id', v: 'a'.repeat(300), o: 'regex' }),
      'ERROR_INVALID_PARAMETER',
      'too long',
    ],
  ])('should reject %s', (_name, raw, code, fragment) => {
    const error = errorOf(raw);
    expect(error.code).toBe(code);
    expect(error.message).toContain(fragment);
  });

  it('should name the condition in filter_or errors', () => {
    const error = errorOf({
      filter_or: [
        { k: 'status', v: 'a', o: 'eq' },
        { k: 'nope', v: 'a', o: 'eq' },
      ],
    });
    expect(error.message).toContain('query.filter_or[1]');
  });
});
