import { QueryError, QueryErrorCode } from '../errors/query-error';
import { DEFAULT_LIST_LIMITS } from './list-request';
import { parseJobTaskListRequest } from './list-request.parser';

const parse = (raw: unknown) => parseJobTaskListRequest(raw, DEFAULT_LIST_LIMITS);

function errorOf(raw: unknown): QueryError {
  try {
    parse(raw);
  } catch (error) {
    if (error instanceof QueryError) return error;
    throw error;
  }
  throw new Error('expected a QueryError');
}

describe('parseJobTaskListRequest', () => {
  it('should default to created_at desc, no page, all fields', () => {
    expect(parse({ domain_id: 'd1' })).toEqual({
      domainId: 'd1',
      scope: { filter: [], filterOr: [], keywordTokens: [] },
      sort: [{ key: 'created_at', desc: true }],
      page: null,
      only: null,
      countOnly: false,
      dependsOnClock: false,
    });
  });

  it.each([
    [
      'a timediff condition',
      { filter: [{ k: 'created_at', v: 'now - 1d', o: 'timediff_gt' }] },
      true,
    ],
    [
      'a timediff in filter_or',
      { filter_or: [{ k: 'created_at', v: 'now', o: 'timediff_lt' }] },
      true,
    ],
    [
      'a datetime condition',
      { filter: [{ k: 'created_at', v: '2026-01-01', o: 'datetime_gt' }] },
      false,
    ],
  ])('should mark a request with %s as clock-dependent or not', (_name, query, expected) => {
    expect(parse({ domain_id: 'd1', query }).dependsOnClock).toBe(expected);
  });

  it('should turn top-level fields into eq/in conditions after query.filter', () => {
    const req = parse({
      domain_id: 'd1',
      query: { filter: [{ k: 'job_id', v: 'j', o: 'contain' }] },
      job_task_id: ['t1', 't2'],
      status: 3,
      projectId: 'p1',
    });
    expect(req.scope.filter.map((c) => c.source)).toEqual([
      { key: 'job_id', value: 'j', operator: 'contain' },
      { key: 'job_task_id', value: ['t1', 't2'], operator: 'in' },
      { key: 'status', value: 'SUCCESS', operator: 'eq' },
      { key: 'project_id', value: 'p1', operator: 'eq' },
    ]);
  });

  it('should accept status names, numbers and numeric strings in a list', () => {
    const req = parse({ domain_id: 'd', status: ['PENDING', 4, '0'] });
    expect(req.scope.filter.map((c) => c.source)).toEqual([
      { key: 'status', value: ['PENDING', 'FAILURE', 'JOB_TASK_STATE_NONE'], operator: 'in' },
    ]);
  });

  it('should accept lowerCamelCase and treat null as unset', () => {
    const req = parse({
      domainId: 'd',
      query: {
        countOnly: true,
        filterOr: [{ k: 'status', v: 'SUCCESS', o: 'eq' }],
        page: null,
        only: null,
      },
      jobId: null,
    });
    expect(req.countOnly).toBe(true);
    expect(req.scope.filterOr).toHaveLength(1);
    expect(req.scope.filter).toEqual([]);
  });

  it.each([
    [{ key: 'status', desc: true }, [{ key: 'status', desc: true }]],
    [{ key: 'success_count' }, [{ key: 'success_count', desc: false }]],
    [
      { keys: [{ key: 'status' }, { key: 'finished_at', desc: true }] },
      [
        { key: 'status', desc: false },
        { key: 'finished_at', desc: true },
      ],
    ],
    [{ keys: [] }, [{ key: 'created_at', desc: true }]],
    [{ desc: false }, [{ key: 'created_at', desc: true }]],
  ])('should parse sort %j', (sort, expected) => {
    expect(parse({ domain_id: 'd', query: { sort } }).sort).toEqual(expected);
  });

  it.each([
    [
      { start: 3, limit: 10 },
      { start: 3, limit: 10 },
    ],
    [
      { start: 0, limit: 10 },
      { start: 1, limit: 10 },
    ],
    [
      { start: -5, limit: 10 },
      { start: 1, limit: 10 },
    ],
    [{ limit: '20' }, { start: 1, limit: 20 }],
    [{ start: 50 }, null],
    [{ start: 2, limit: 0 }, null],
    [{ limit: 1000 }, { start: 1, limit: 1000 }],
  ])('should parse page %j', (page, expected) => {
    expect(parse({ domain_id: 'd', query: { page } }).page).toEqual(expected);
  });

  it('should let minimal override only', () => {
    const req = parse({ domain_id: 'd', query: { only: ['errors'], minimal: true } });
    expect(req.only).toEqual([
      'job_task_id',
      'status',
      'success_count',
      'failure_count',
      'job_id',
      'created_at',
      'started_at',
      'finished_at',
    ]);
  });

  it('should dedupe only and treat [] as all fields', () => {
    expect(parse({ domain_id: 'd', query: { only: ['status', 'errors', 'status'] } }).only).toEqual(
      ['status', 'errors'],
    );
    expect(parse({ domain_id: 'd', query: { only: [] } }).only).toBeNull();
  });

  it.each<[string, unknown, QueryErrorCode, string]>([
    ['no domain_id', {}, 'ERROR_REQUIRED_PARAMETER', 'key = domain_id'],
    ['null domain_id', { domain_id: null }, 'ERROR_REQUIRED_PARAMETER', 'key = domain_id'],
    ['empty domain_id', { domain_id: '' }, 'ERROR_REQUIRED_PARAMETER', 'key = domain_id'],
    ['domain_id list', { domain_id: ['a'] }, 'ERROR_INVALID_PARAMETER_TYPE', 'key = domain_id'],
    ['body not an object', [], 'ERROR_INVALID_PARAMETER', 'request'],
    [
      'query not an object',
      { domain_id: 'd', query: 'x' },
      'ERROR_INVALID_PARAMETER_TYPE',
      'key = query',
    ],
    [
      'limit as words',
      { domain_id: 'd', query: { page: { limit: 'ten' } } },
      'ERROR_INVALID_PARAMETER_TYPE',
      'query.page.limit',
    ],
    [
      'fractional limit',
      { domain_id: 'd', query: { page: { limit: 2.5 } } },
      'ERROR_INVALID_PARAMETER_TYPE',
      'query.page.limit',
    ],
    [
      'negative limit',
      { domain_id: 'd', query: { page: { limit: -1 } } },
      'ERROR_INVALID_PARAMETER',
      'negative',
    ],
    [
      'limit over max',
      { domain_id: 'd', query: { page: { limit: 1001 } } },
      'ERROR_INVALID_PARAMETER',
      'at most 1000',
    ],
    [
      'huge start',
      { domain_id: 'd', query: { page: { start: 2 ** 40, limit: 1 } } },
      'ERROR_INVALID_PARAMETER',
      'query.page.start',
    ],
    [
      'only not a list',
      { domain_id: 'd', query: { only: 'status' } },
      'ERROR_INVALID_PARAMETER_TYPE',
      'query.only',
    ],
    [
      'only unknown field',
      { domain_id: 'd', query: { only: ['state'] } },
      'ERROR_INVALID_PARAMETER',
      'query.only[0]',
    ],
    [
      'only dotted path',
      { domain_id: 'd', query: { only: ['errors.message'] } },
      'ERROR_INVALID_PARAMETER',
      'unknown field errors.message',
    ],
    [
      'minimal not bool',
      { domain_id: 'd', query: { minimal: 'yes' } },
      'ERROR_INVALID_PARAMETER_TYPE',
      'query.minimal',
    ],
    [
      'count_only not bool',
      { domain_id: 'd', query: { count_only: 1 } },
      'ERROR_INVALID_PARAMETER_TYPE',
      'query.count_only',
    ],
    [
      'unknown sort key',
      { domain_id: 'd', query: { sort: { key: 'errors.message' } } },
      'ERROR_INVALID_PARAMETER',
      'cannot sort by errors.message',
    ],
    [
      'sort key and keys',
      { domain_id: 'd', query: { sort: { key: 'status', keys: [] } } },
      'ERROR_INVALID_PARAMETER',
      'either key or keys',
    ],
    [
      'sort keys entry without key',
      { domain_id: 'd', query: { sort: { keys: [{ desc: true }] } } },
      'ERROR_REQUIRED_PARAMETER',
      'query.sort.keys[0].key',
    ],
    [
      'sort desc not bool',
      { domain_id: 'd', query: { sort: { key: 'status', desc: 'true' } } },
      'ERROR_INVALID_PARAMETER_TYPE',
      'query.sort.desc',
    ],
    [
      'unknown query field',
      { domain_id: 'd', query: { distinct: 'status' } },
      'ERROR_INVALID_PARAMETER',
      'unknown field distinct',
    ],
    [
      'unknown request field',
      { domain_id: 'd', state: 'x' },
      'ERROR_INVALID_PARAMETER',
      'unknown field state',
    ],
    ['snake and camel', { domain_id: 'd', domainId: 'd' }, 'ERROR_INVALID_PARAMETER', 'domain_id'],
    [
      'unknown status name',
      { domain_id: 'd', status: 'DONE' },
      'ERROR_INVALID_PARAMETER',
      'key = status',
    ],
    [
      'status number out of range',
      { domain_id: 'd', status: 9 },
      'ERROR_INVALID_PARAMETER',
      'key = status',
    ],
    [
      'job_id number',
      { domain_id: 'd', job_id: 5 },
      'ERROR_INVALID_PARAMETER_TYPE',
      'key = job_id',
    ],
    [
      'keyword too long',
      { domain_id: 'd', query: { keyword: 'k'.repeat(1001) } },
      'ERROR_INVALID_PARAMETER',
      'query.keyword',
    ],
    [
      'bad operator',
      { domain_id: 'd', query: { filter: [{ k: 'status', v: 1, o: 'like' }] } },
      'ERROR_INVALID_PARAMETER',
      'operator = like',
    ],
  ])('should reject %s', (_name, raw, code, fragment) => {
    const error = errorOf(raw);
    expect(error.code).toBe(code);
    expect(error.message).toContain(fragment);
  });
});
