import { parseQueryScope } from '../parse/query-scope.parser';
import { buildScopeQuery } from './scope-query.builder';
import { maxDeterminizedStatesFor } from '../regex/contain-pattern';

const NOW = new Date('2026-11-28T10:30:00.000Z');

function dsl(k: string, o: string, v: unknown): unknown {
  return buildScopeQuery(parseQueryScope({ filter: [{ k, v, o }] }, 'query'), NOW);
}

const none = { match_none: {} };
const not = (q: unknown) => ({ bool: { must_not: [q] } });
const any = (...qs: unknown[]) => ({ bool: { should: qs, minimum_should_match: 1 } });
const nested = (query: unknown) => ({ nested: { path: 'errors', query } });
const hasErrors = nested({ match_all: {} });
const wildcard = (field: string, value: string) => ({
  wildcard: { [field]: { value, case_insensitive: true } },
});
const regexp = (field: string, value: string) => ({
  regexp: { [field]: { value, flags: 'NONE' } },
});
const literal = (field: string, value: string, length: number) => ({
  regexp: {
    [field]: { value, flags: 'NONE', max_determinized_states: maxDeterminizedStatesFor(length) },
  },
});
const ms = (iso: string) => Date.parse(iso);
const dateRange = (bounds: object) => ({
  range: { created_at: { ...bounds, format: 'epoch_millis' } },
});

describe('conditionQuery', () => {
  it.each<[string, string, unknown, unknown]>([
    // eq / not
    ['status', 'eq', 'SUCCESS', { term: { status: 'SUCCESS' } }],
    ['status', 'eq', null, not({ exists: { field: 'status' } })],
    ['status', 'not', 'SUCCESS', not({ term: { status: 'SUCCESS' } })],
    ['status', 'not', null, { exists: { field: 'status' } }],
    ['success_count', 'eq', 3, { term: { success_count: 3 } }],
    ['success_count', 'eq', 2.5, none],
    ['success_count', 'eq', 1e12, none],
    ['success_count', 'not', 2.5, { match_all: {} }],
    [
      'created_at',
      'eq',
      '2026-11-28T10:00:00Z',
      dateRange({ gte: ms('2026-11-28T10:00:00Z'), lte: ms('2026-11-28T10:00:00Z') }),
    ],
    ['created_at', 'eq', '2026-11-28T10:00:00.0001Z', none],
    ['errors.error_code', 'eq', 'E1', nested({ term: { 'errors.error_code': 'E1' } })],
    ['errors.error_code', 'eq', null, not(hasErrors)],
    ['errors.error_code', 'not', 'E1', not(nested({ term: { 'errors.error_code': 'E1' } }))],
    ['errors.message', 'not', null, hasErrors],
    ['errors', 'eq', null, not(hasErrors)],
    // comparisons
    ['job_id', 'lt', 'job-5', { range: { job_id: { lt: 'job-5' } } }],
    ['job_id', 'gte', 'job-5', { range: { job_id: { gte: 'job-5' } } }],
    ['errors.message', 'gt', 'm', nested({ range: { 'errors.message': { gt: 'm' } } })],
    ['success_count', 'lt', 3, { range: { success_count: { lte: 2 } } }],
    ['success_count', 'lt', 2.5, { range: { success_count: { lte: 2 } } }],
    ['success_count', 'lte', 2.5, { range: { success_count: { lte: 2 } } }],
    ['success_count', 'gt', 2.5, { range: { success_count: { gte: 3 } } }],
    ['success_count', 'gte', 2.5, { range: { success_count: { gte: 3 } } }],
    ['success_count', 'gte', -2.5, { range: { success_count: { gte: -2 } } }],
    ['success_count', 'lt', 1e20, { exists: { field: 'success_count' } }],
    ['success_count', 'gt', 1e20, none],
    ['failure_count', 'gte', -1e20, { exists: { field: 'failure_count' } }],
    ['created_at', 'lt', '2026-11-28', dateRange({ lte: ms('2026-11-28') - 1 })],
    ['created_at', 'lt', '2026-11-28T00:00:00.0005Z', dateRange({ lte: ms('2026-11-28') })],
    ['created_at', 'gte', '2026-11-28T00:00:00.0005Z', dateRange({ gte: ms('2026-11-28') + 1 })],
    [
      'created_at',
      'gt',
      '2026-11-28T09:00:00+09:00',
      dateRange({ gte: ms('2026-11-28T00:00:00Z') + 1 }),
    ],
    [
      'created_at',
      'datetime_lte',
      '2026-11-28T10:00:00.123Z',
      dateRange({ lte: ms('2026-11-28T10:00:00.123Z') }),
    ],
    ['created_at', 'datetime_gte', '2026-11-28', dateRange({ gte: ms('2026-11-28') })],
    [
      'finished_at',
      'datetime_lt',
      '2026-01-01T00:00:00Z',
      { range: { finished_at: { lte: ms('2026-01-01') - 1, format: 'epoch_millis' } } },
    ],
    // timediff resolves against NOW (2026-11-28T10:30Z, a Saturday)
    ['created_at', 'timediff_gte', 'now/d - 7d', dateRange({ gte: ms('2026-11-21T00:00:00Z') })],
    ['created_at', 'timediff_lt', 'now-1h', dateRange({ lte: ms('2026-11-28T09:30:00Z') - 1 })],
    ['created_at', 'timediff_gt', 'now/w', dateRange({ gte: ms('2026-11-23T00:00:00Z') + 1 })],
    ['created_at', 'timediff_lte', 'now/m + 2w', dateRange({ lte: ms('2026-11-15T00:00:00Z') })],
    // exists
    ['project_id', 'exists', true, { exists: { field: 'project_id' } }],
    ['project_id', 'exists', false, not({ exists: { field: 'project_id' } })],
    ['errors', 'exists', true, hasErrors],
    ['errors.error_code', 'exists', false, not(hasErrors)],
    // contain family
    ['job_id', 'contain', 'a*b?c\\', wildcard('job_id', '*a\\*b\\?c\\\\*')],
    ['job_id', 'not_contain', 'x', not(wildcard('job_id', '*x*'))],
    ['errors.message', 'contain', 'time', nested(wildcard('errors.message', '*time*'))],
    // ES folds only ASCII in case-insensitive wildcards: non-ASCII letters go out as a regexp
    ['job_id', 'contain', 'café*', literal('job_id', '.*[Cc][Aa][Ff][Éé]\\*.*', 5)],
    ['job_id', 'contain', 'ß-ok', wildcard('job_id', '*ß-ok*')],
    ['job_id', 'not_contain', 'É', not(literal('job_id', '.*[Éé].*', 1))],
    ['errors.message', 'not_contain', 'time', not(nested(wildcard('errors.message', '*time*')))],
    ['job_id', 'contain_in', ['a', 'b'], any(wildcard('job_id', '*a*'), wildcard('job_id', '*b*'))],
    [
      'job_id',
      'not_contain_in',
      ['a', 'b'],
      any(not(wildcard('job_id', '*a*')), not(wildcard('job_id', '*b*'))),
    ],
    [
      'errors.error_code',
      'not_contain_in',
      ['a'],
      not(nested(wildcard('errors.error_code', '*a*'))),
    ],
    // in family
    [
      'status',
      'in',
      ['SUCCESS', 'FAILURE', 'SUCCESS'],
      { terms: { status: ['SUCCESS', 'FAILURE'] } },
    ],
    ['status', 'in', [], none],
    ['status', 'not_in', [], { match_all: {} }],
    [
      'status',
      'in',
      ['SUCCESS', null],
      any({ terms: { status: ['SUCCESS'] } }, not({ exists: { field: 'status' } })),
    ],
    [
      'status',
      'not_in',
      ['SUCCESS', null],
      not(any({ terms: { status: ['SUCCESS'] } }, not({ exists: { field: 'status' } }))),
    ],
    ['success_count', 'in', [1, 2.5, 3], { terms: { success_count: [1, 3] } }],
    ['success_count', 'in', [2.5], none],
    [
      'created_at',
      'in',
      ['2026-11-28'],
      dateRange({ gte: ms('2026-11-28'), lte: ms('2026-11-28') }),
    ],
    [
      'errors.error_code',
      'in',
      ['E1', null],
      any(nested({ terms: { 'errors.error_code': ['E1'] } }), not(hasErrors)),
    ],
    [
      'errors.error_code',
      'not_in',
      ['E1'],
      not(nested({ terms: { 'errors.error_code': ['E1'] } })),
    ],
    // match
    [
      'errors',
      'match',
      { error_code: 'E1', message: 'boom' },
      nested({
        bool: {
          filter: [{ term: { 'errors.error_code': 'E1' } }, { term: { 'errors.message': 'boom' } }],
        },
      }),
    ],
    ['errors', 'match', { error_code: 'E1' }, nested({ term: { 'errors.error_code': 'E1' } })],
    ['errors', 'match', {}, hasErrors],
    // regex
    ['job_id', 'regex', '^job-\\d+$', regexp('job_id', '[Jj][Oo][Bb]\\-[0-9]+\n?')],
    ['errors.message', 'regex', 'time', nested(regexp('errors.message', '.*[Tt][Ii][Mm][Ee].*'))],
    [
      'job_id',
      'regex_in',
      ['a', 'b'],
      any(regexp('job_id', '.*[Aa].*'), regexp('job_id', '.*[Bb].*')),
    ],
  ])('%s %s %j', (key, op, value, expected) => {
    expect(dsl(key, op, value)).toEqual(expected);
  });
});

describe('buildScopeQuery', () => {
  it('should return match_all for an empty scope', () => {
    expect(buildScopeQuery({ filter: [], filterOr: [], keywordTokens: [] }, NOW)).toEqual({
      match_all: {},
    });
  });

  it('should AND filter with one OR group of filter_or and keyword tokens', () => {
    const scope = parseQueryScope(
      {
        filter: [{ key: 'status', value: 'SUCCESS', operator: 'eq' }],
        filter_or: [{ k: 'job_id', v: 'j1', o: 'eq' }],
        keyword: '  ab\tC ',
      },
      'query',
    );
    expect(buildScopeQuery(scope, NOW)).toEqual({
      bool: {
        filter: [
          { term: { status: 'SUCCESS' } },
          any(
            { term: { job_id: 'j1' } },
            wildcard('job_task_id', '*ab*'),
            wildcard('job_id', '*ab*'),
            wildcard('job_task_id', '*C*'),
            wildcard('job_id', '*C*'),
          ),
        ],
      },
    });
  });

  it('should use the keyword alone as the OR group when filter_or is empty', () => {
    const scope = parseQueryScope({ filterOr: [], keyword: 'x' }, 'query');
    expect(buildScopeQuery(scope, NOW)).toEqual(
      any(wildcard('job_task_id', '*x*'), wildcard('job_id', '*x*')),
    );
  });

  it('should ignore a blank keyword', () => {
    const scope = parseQueryScope({ keyword: '   ' }, 'query');
    expect(buildScopeQuery(scope, NOW)).toEqual({ match_all: {} });
  });
});
