import { QueryError, type QueryErrorCode } from '../../errors/query-error';
import { parseStatRequest } from './stat-request.parser';

const limits = { maxGroups: 10000 };
const group = (g: unknown): unknown => ({ aggregate: [{ group: g }] });
const countBy = (key: string): unknown =>
  group({ keys: [{ key, name: 'k' }], fields: [{ name: 'n', operator: 'count' }] });
const field = (f: Record<string, unknown>): unknown => group({ fields: [{ name: 'x', ...f }] });
const condition = (c: Record<string, unknown>): unknown =>
  field({
    operator: 'count',
    conditions: [{ key: 'success_count', value: 1, operator: 'eq', ...c }],
  });

function errorOf(body: unknown): QueryError {
  try {
    parseStatRequest(body, limits);
  } catch (e) {
    if (e instanceof QueryError) return e;
    throw e;
  }
  throw new Error('expected a QueryError');
}

const groupCases: [string, unknown, QueryErrorCode, string][] = [
  [
    'a group with neither keys nor fields',
    group({}),
    'ERROR_REQUIRED_PARAMETER',
    'query.aggregate[0].group.keys or',
  ],
  [
    'an unknown group operator',
    field({ operator: 'avg', key: 'success_count' }),
    'ERROR_INVALID_PARAMETER',
    'query.aggregate[0].group.fields[0].operator',
  ],
  [
    'a field without a name',
    group({ fields: [{ operator: 'count' }] }),
    'ERROR_REQUIRED_PARAMETER',
    'query.aggregate[0].group.fields[0].name',
  ],
  ['sum without a key', field({ operator: 'sum' }), 'ERROR_REQUIRED_PARAMETER', 'fields[0].key'],
  ['an unknown group key', countBy('nope'), 'ERROR_INVALID_PARAMETER', "unknown key 'nope'"],
  [
    'grouping by a list without unwind',
    countBy('errors.error_code'),
    'ERROR_INVALID_PARAMETER',
    'unwind it first',
  ],
  [
    'grouping by errors.additional',
    {
      aggregate: [
        { unwind: { path: 'errors' } },
        { group: { keys: [{ key: 'errors.additional', name: 'a' }] } },
      ],
    },
    'ERROR_INVALID_PARAMETER',
    "cannot group by 'errors.additional'",
  ],
  [
    'sum of a string',
    field({ operator: 'sum', key: 'status' }),
    'ERROR_INVALID_PARAMETER',
    'sum needs a number',
  ],
  [
    'merge_objects of a string',
    field({ operator: 'merge_objects', key: 'status' }),
    'ERROR_INVALID_PARAMETER',
    'needs an object',
  ],
  [
    'conditions on min',
    field({ operator: 'min', key: 'success_count', conditions: [] }),
    'ERROR_INVALID_PARAMETER',
    'conditions apply only',
  ],
  [
    'sub-fields on count',
    field({ operator: 'count', fields: [{ key: 'status', name: 's' }] }),
    'ERROR_INVALID_PARAMETER',
    'sub-fields apply only to push',
  ],
  [
    'a condition without a value',
    condition({ value: undefined }),
    'ERROR_REQUIRED_PARAMETER',
    'conditions[0].value',
  ],
  [
    'a condition value of the wrong type',
    condition({ value: 'one' }),
    'ERROR_INVALID_PARAMETER',
    "'success_count' is a number",
  ],
  [
    'a boolean condition value',
    condition({ value: true }),
    'ERROR_INVALID_PARAMETER_TYPE',
    'conditions[0].value',
  ],
  [
    'an unparseable date condition',
    condition({ key: 'created_at', value: 'yesterday' }),
    'ERROR_INVALID_PARAMETER',
    "'created_at' is a date",
  ],
  [
    'an unsupported condition operator',
    condition({ operator: 'in' }),
    'ERROR_INVALID_PARAMETER',
    'supported = eq, not, gt, gte, lt, lte',
  ],
  [
    'date_format on a string',
    group({ keys: [{ key: 'status', name: 's', date_format: '%Y' }] }),
    'ERROR_INVALID_PARAMETER',
    'not a date',
  ],
  [
    'an unsupported date specifier',
    group({ keys: [{ key: 'created_at', name: 's', date_format: '%Y-%j' }] }),
    'ERROR_INVALID_PARAMETER',
    'unsupported specifier %j',
  ],
  [
    'both key and k',
    group({ keys: [{ key: 'status', k: 'status', name: 's' }] }),
    'ERROR_INVALID_PARAMETER',
    'given twice',
  ],
  [
    'a dotted output name',
    group({ keys: [{ key: 'status', name: 'a.b' }] }),
    'ERROR_INVALID_PARAMETER',
    "name 'a.b'",
  ],
  [
    'a duplicate output name',
    group({ keys: [{ key: 'status', name: 'n' }], fields: [{ name: 'n', operator: 'count' }] }),
    'ERROR_INVALID_PARAMETER',
    "name 'n' is used twice",
  ],
  [
    'an unknown key in a group',
    group({ keys: [{ key: 'status', name: 's', extra: 1 }] }),
    'ERROR_INVALID_PARAMETER',
    'keys[0].extra',
  ],
  [
    'push with key and fields',
    field({ operator: 'push', key: 'status', fields: [{ key: 'status', name: 's' }] }),
    'ERROR_INVALID_PARAMETER',
    'either key or fields',
  ],
  [
    'push with neither key nor fields',
    field({ operator: 'push' }),
    'ERROR_REQUIRED_PARAMETER',
    'fields[0].key',
  ],
];

describe(`${parseStatRequest.name} errors in group stages`, () => {
  it.each(groupCases)('should reject %s', (_name, query, code, text) => {
    const sut = errorOf({ domain_id: 'd', query });
    expect(sut.code).toBe(code);
    expect(sut.message).toContain(text);
  });
});
