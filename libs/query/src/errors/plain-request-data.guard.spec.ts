import { parseJobTaskListRequest } from '../list/list-request.parser';
import { DEFAULT_LIST_LIMITS } from '../list/list-request';
import { parseStatRequest } from '../stat/parse/stat-request.parser';
import {
  assertPlainRequestData,
  MAX_REQUEST_DEPTH,
  RESERVED_NAMES,
} from './plain-request-data.guard';
import { QueryError } from './query-error';

/** Every object node of a JSON value, with its request path. */
function objectNodes(value: unknown, path = ''): { path: string; node: object }[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => objectNodes(item, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return [
    { path, node: value },
    ...Object.entries(value).flatMap(([k, v]) => objectNodes(v, path ? `${path}.${k}` : k)),
  ];
}

/** A deep copy of `body` with an own `name` key (as JSON.parse makes it) on the node at `path`. */
function withKeyAt(body: unknown, path: string, name: string, payload: unknown): unknown {
  const copy: unknown = JSON.parse(JSON.stringify(body));
  const target = objectNodes(copy).find((n) => n.path === path);
  if (!target) throw new Error(`no node at ${path}`);
  Object.defineProperty(target.node, name, { value: payload, enumerable: true, writable: true });
  return copy;
}

const LIST_BODY = {
  domain_id: 'd1',
  job_id: 'j1',
  query: {
    filter: [
      { key: 'status', value: 'SUCCESS', operator: 'eq' },
      { k: 'errors', v: { error_code: 'E1' }, o: 'match' },
    ],
    filter_or: [{ key: 'job_id', value: ['a'], operator: 'in' }],
    sort: { keys: [{ key: 'created_at', desc: true }] },
    page: { start: 1, limit: 10 },
    only: ['job_id'],
    keyword: 'x',
  },
};

const STAT_BODY = {
  domain_id: 'd1',
  query: {
    filter: [{ key: 'status', value: 'SUCCESS', operator: 'eq' }],
    aggregate: [
      { unwind: { path: 'errors' } },
      {
        group: {
          keys: [{ key: 'job_id', name: 'job' }],
          fields: [
            {
              operator: 'count',
              name: 'n',
              conditions: [{ key: 'success_count', value: 1, operator: 'gt' }],
            },
            { operator: 'push', name: 'p', fields: [{ key: 'job_task_id', name: 'id' }] },
          ],
        },
      },
      { sort: { keys: [{ key: 'n', desc: true }] } },
      { project: { fields: [{ key: 'job' }, { key: 'n' }] } },
      { limit: 5 },
    ],
    page: { start: 1, limit: 5 },
  },
};

const PARSERS: [string, unknown, (body: unknown) => unknown][] = [
  ['list', LIST_BODY, (b) => parseJobTaskListRequest(b, DEFAULT_LIST_LIMITS)],
  ['stat', STAT_BODY, (b) => parseStatRequest(b, { maxGroups: 10_000 })],
];

function errorOf(run: () => unknown): QueryError {
  try {
    run();
  } catch (error) {
    if (error instanceof QueryError) return error;
    throw error;
  }
  throw new Error('expected a QueryError');
}

describe(assertPlainRequestData.name, () => {
  it.each(PARSERS)('should accept the %s body the cases below are built from', (_n, body, sut) => {
    expect(() => sut(body)).not.toThrow();
  });

  describe.each(PARSERS)('in a %s body', (_n, body, sut) => {
    const cases = objectNodes(body).flatMap(({ path }) =>
      [...RESERVED_NAMES].map((name) => [path || '(top level)', path, name] as const),
    );
    it.each(cases)('should refuse a key at %s named %s as an unknown field', (_l, path, name) => {
      const error = errorOf(() =>
        sut(withKeyAt(body, path, name, { domain_id: 'X', count_only: true })),
      );
      expect(error.code).toBe('ERROR_INVALID_PARAMETER');
      expect(error.message).toContain(`key = ${path ? `${path}.` : ''}${name}`);
      expect(error.message).toContain(`unknown field ${name}`);
    });
  });

  it('should leave the prototype of the parsed request untouched', () => {
    const body = JSON.parse('{"__proto__": {"domain_id": "X"}, "query": {}}') as unknown;
    expect(errorOf(() => parseJobTaskListRequest(body, DEFAULT_LIST_LIMITS)).message).toContain(
      '__proto__',
    );
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
  });

  it.each([...RESERVED_NAMES])('should refuse %s as a stat column name', (name) => {
    const body = {
      domain_id: 'd1',
      query: { aggregate: [{ group: { keys: [{ key: 'job_id', name }] } }] },
    };
    const error = errorOf(() => parseStatRequest(body, { maxGroups: 10_000 }));
    expect(error.message).toContain('reserved name');
    expect(error.message).toContain(name);
  });

  it.each([...RESERVED_NAMES])('should treat %s as plain data where it is a value', (name) => {
    const request = parseJobTaskListRequest(
      { domain_id: 'd1', query: { filter: [{ key: 'job_id', value: name, operator: 'eq' }] } },
      DEFAULT_LIST_LIMITS,
    );
    expect(request.scope.filter).toHaveLength(1);
    expect(JSON.stringify(request.scope.filter[0])).toContain(name);
  });
});

describe(`${assertPlainRequestData.name} beyond reserved keys`, () => {
  const nested = (depth: number): unknown => {
    let value: unknown = 'leaf';
    for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { a: value };
    return value;
  };

  it('should refuse a value nested a million levels deep without exhausting the stack', () => {
    const error = errorOf(() => assertPlainRequestData({ query: nested(1_000_000) }));
    expect(error.code).toBe('ERROR_INVALID_PARAMETER');
    expect(error.message).toContain(`nested more than ${MAX_REQUEST_DEPTH} levels deep`);
  });

  it('should accept containers down to the limit and name the first one past it', () => {
    expect(() => assertPlainRequestData(nested(MAX_REQUEST_DEPTH))).not.toThrow();
    const error = errorOf(() =>
      assertPlainRequestData({ v: [[[{ a: nested(MAX_REQUEST_DEPTH) }]]] }),
    );
    expect(error.message).toMatch(
      /^Parameter is invalid\. \(key = v\[0\]\[0\]\[0\]\.a[.[\]a0]*, reason = nested/,
    );
  });

  it.each([Infinity, -Infinity, Number.NaN])('should refuse the number %s by its path', (n) => {
    const error = errorOf(() =>
      assertPlainRequestData({ query: { filter: [{ k: 'success_count', v: [1, n] }] } }),
    );
    expect(error.message).toBe(
      `Parameter is invalid. (key = query.filter[0].v[1], reason = ${n} is not a finite number)`,
    );
  });

  it('should accept every finite number, -0 and the extremes of a double included', () => {
    expect(() =>
      assertPlainRequestData({ v: [-0, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE] }),
    ).not.toThrow();
  });
});
