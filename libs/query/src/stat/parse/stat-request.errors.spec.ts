import { QueryError, type QueryErrorCode } from '../../errors/query-error';
import { parseStatRequest } from './stat-request.parser';

const limits = { maxGroups: 10000 };

function errorOf(body: unknown): QueryError {
  try {
    parseStatRequest(body, limits);
  } catch (e) {
    if (e instanceof QueryError) return e;
    throw e;
  }
  throw new Error('expected a QueryError');
}

const cases: [string, unknown, QueryErrorCode, string][] = [
  ['missing query', { domain_id: 'd' }, 'ERROR_REQUIRED_PARAMETER', '(key = query)'],
  [
    'missing domain_id',
    { query: { distinct: 'status' } },
    'ERROR_REQUIRED_PARAMETER',
    '(key = domain_id)',
  ],
  [
    'empty domain_id',
    { domain_id: '', query: { distinct: 'status' } },
    'ERROR_REQUIRED_PARAMETER',
    'domain_id',
  ],
  [
    'query not an object',
    { domain_id: 'd', query: [] },
    'ERROR_INVALID_PARAMETER_TYPE',
    'key = query',
  ],
  ['unknown body key', { domain_id: 'd', query: {}, extra: 1 }, 'ERROR_INVALID_PARAMETER', 'extra'],
];

const queryCases: [string, unknown, QueryErrorCode, string][] = [
  ['neither aggregate nor distinct', {}, 'ERROR_REQUIRED_PARAMETER', '(key = aggregate)'],
  ['an empty Format B list', { aggregate: [] }, 'ERROR_REQUIRED_PARAMETER', '(key = aggregate)'],
  ['an empty Format A object', { aggregate: {} }, 'ERROR_REQUIRED_PARAMETER', '(key = aggregate)'],
  [
    'Format A without group or count',
    { aggregate: { unwind: [{ path: 'errors' }] } },
    'ERROR_REQUIRED_PARAMETER',
    'query.aggregate.group or query.aggregate.count',
  ],
  [
    'an unknown stage',
    { aggregate: [{ match: {} }] },
    'ERROR_INVALID_PARAMETER',
    'query.aggregate[0].match',
  ],
  [
    'a stage with two keys',
    { aggregate: [{ limit: 1, skip: 1 }] },
    'ERROR_INVALID_PARAMETER',
    'exactly one key',
  ],
  ['an empty stage', { aggregate: [{}] }, 'ERROR_REQUIRED_PARAMETER', 'query.aggregate[0]'],
  [
    'a stage that is not an object',
    { aggregate: ['group'] },
    'ERROR_INVALID_PARAMETER_TYPE',
    'query.aggregate[0]',
  ],
  [
    'a non-integer limit stage',
    { aggregate: [{ count: { name: 'n' } }, { limit: 'ten' }] },
    'ERROR_INVALID_PARAMETER_TYPE',
    'query.aggregate[1].limit',
  ],
  [
    'a zero limit stage',
    { aggregate: [{ count: { name: 'n' } }, { limit: 0 }] },
    'ERROR_INVALID_PARAMETER',
    'query.aggregate[1].limit',
  ],
  [
    'a negative skip stage',
    { aggregate: [{ count: { name: 'n' } }, { skip: -1 }] },
    'ERROR_INVALID_PARAMETER',
    'query.aggregate[1].skip',
  ],
  [
    'a negative page limit',
    { distinct: 'status', page: { limit: -1 } },
    'ERROR_INVALID_PARAMETER',
    'query.page.limit',
  ],
  [
    'a string page limit',
    { distinct: 'status', page: { limit: 'ten' } },
    'ERROR_INVALID_PARAMETER_TYPE',
    'query.page.limit',
  ],
  [
    'a sort on an unknown column',
    { aggregate: [{ count: { name: 'n' } }, { sort: { key: 'status' } }] },
    'ERROR_INVALID_PARAMETER',
    "unknown key 'status'",
  ],
  [
    'a sort on an unknown column, named where the single key was written',
    { aggregate: [{ count: { name: 'n' } }, { sort: { key: 'zz' } }] },
    'ERROR_INVALID_PARAMETER',
    "(key = query.aggregate[1].sort.key, reason = unknown key 'zz'",
  ],
  [
    'a sort on an unknown column, named at its place in keys',
    { aggregate: [{ count: { name: 'n' } }, { sort: { keys: [{ key: 'n' }, { key: 'zz' }] } }] },
    'ERROR_INVALID_PARAMETER',
    "(key = query.aggregate[1].sort.keys[1].key, reason = unknown key 'zz'",
  ],
  [
    'a Format A sort on an unknown column, named as sort.name',
    { aggregate: { count: { name: 'n' } }, sort: { name: 'zz' } },
    'ERROR_INVALID_PARAMETER',
    "(key = query.sort.name, reason = unknown key 'zz'",
  ],
  [
    'a sort on a list column',
    {
      aggregate: [
        { group: { fields: [{ name: 's', operator: 'add_to_set', key: 'status' }] } },
        { sort: { key: 's' } },
      ],
    },
    'ERROR_INVALID_PARAMETER',
    "cannot sort by 's'",
  ],
  [
    'a sort with key and keys',
    { aggregate: [{ count: { name: 'n' } }, { sort: { key: 'n', keys: [{ key: 'n' }] } }] },
    'ERROR_INVALID_PARAMETER',
    'either key or keys',
  ],
  [
    'Format A sort with Format B',
    { aggregate: [{ count: { name: 'n' } }], sort: { name: 'n' } },
    'ERROR_INVALID_PARAMETER',
    'Format A only',
  ],
  [
    'Format A sort without a name',
    { aggregate: { count: { name: 'n' } }, sort: { desc: true } },
    'ERROR_REQUIRED_PARAMETER',
    'query.sort.name',
  ],
  [
    'Format A limit and page',
    { aggregate: { count: { name: 'n' } }, limit: 2, page: { limit: 2 } },
    'ERROR_INVALID_PARAMETER',
    'either limit or page',
  ],
  [
    'project size of a scalar',
    {
      aggregate: [
        { count: { name: 'n' } },
        { project: { fields: [{ key: 'n', operator: 'size' }] } },
      ],
    },
    'ERROR_INVALID_PARAMETER',
    'size needs a list',
  ],
  [
    'an unsupported project operator',
    {
      aggregate: [
        { count: { name: 'n' } },
        { project: { fields: [{ key: 'n', operator: 'sum' }] } },
      ],
    },
    'ERROR_INVALID_PARAMETER',
    'supported = size',
  ],
  [
    'an empty project',
    { aggregate: [{ count: { name: 'n' } }, { project: { fields: [] } }] },
    'ERROR_INVALID_PARAMETER',
    'query.aggregate[1].project.fields',
  ],
  [
    'unwinding a scalar',
    { aggregate: [{ unwind: { path: 'status' } }, { count: { name: 'n' } }] },
    'ERROR_INVALID_PARAMETER',
    'not a top-level list',
  ],
  [
    'unwind without a path',
    { aggregate: [{ unwind: {} }] },
    'ERROR_REQUIRED_PARAMETER',
    'query.aggregate[0].unwind.path',
  ],
  [
    'distinct of error objects',
    { distinct: 'errors' },
    'ERROR_INVALID_PARAMETER',
    'query.distinct',
  ],
  [
    'distinct of an unknown field',
    { distinct: 'nope' },
    'ERROR_INVALID_PARAMETER',
    "unknown key 'nope'",
  ],
  [
    'an unknown query key',
    { distinct: 'status', only: ['status'] },
    'ERROR_INVALID_PARAMETER',
    'query.only',
  ],
  [
    'a bad filter',
    { distinct: 'status', filter: [{ k: 'nope', v: 1, o: 'eq' }] },
    'ERROR_INVALID_PARAMETER',
    'nope',
  ],
];

describe(`${parseStatRequest.name} errors`, () => {
  it.each(cases)('should reject %s', (_name, body, code, text) => {
    const sut = errorOf(body);
    expect(sut.code).toBe(code);
    expect(sut.message).toContain(text);
  });

  it.each(queryCases)('should reject %s', (_name, query, code, text) => {
    const sut = errorOf({ domain_id: 'd', query });
    expect(sut.code).toBe(code);
    expect(sut.message).toContain(text);
  });
});
