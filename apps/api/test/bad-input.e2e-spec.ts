import fc from 'fast-check';
import { postText, type RunningApi, startApi } from './api-test-app';
import { postJson } from './differential/http-call';
import { aJobTask, dropJobTasks, seedJobTasks } from './seed-index';

const LIST = '/power_scheduler/v1/job-tasks/search';
const STAT = '/power_scheduler/v1/job-tasks/stat';
const q = (query: unknown) => ({ domain_id: 'd', query });
const f = (k: string, v: unknown, o: string) => q({ filter: [{ k, v, o }] });

/** [name, route, body, code, a fragment the message must contain] */
const CASES: [string, string, unknown, string, RegExp][] = [
  ['missing domain_id', LIST, { query: {} }, 'ERROR_REQUIRED_PARAMETER', /domain_id/],
  ['body a JSON list', LIST, [1, 2], 'ERROR_INVALID_PARAMETER', /request.*list/],
  ['body a JSON string', LIST, '"d"', 'ERROR_INVALID_PARAMETER', /request.*string/],
  ['stat body a JSON list', STAT, [1], 'ERROR_INVALID_PARAMETER', /request.*list/],
  ['stat body a JSON number', STAT, '7', 'ERROR_INVALID_PARAMETER', /request.*number/],
  ['unknown filter key', LIST, f('nope', 1, 'eq'), 'ERROR_INVALID_PARAMETER', /nope/],
  [
    'list given to a scalar operator',
    LIST,
    f('status', ['A'], 'eq'),
    'ERROR_OPERATOR_VALUE_TYPE',
    /status/,
  ],
  [
    'scalar given to a list operator',
    LIST,
    f('status', 'A', 'in'),
    'ERROR_OPERATOR_LIST_VALUE_TYPE',
    /status/,
  ],
  [
    'non-boolean exists',
    LIST,
    f('job_id', 'yes', 'exists'),
    'ERROR_OPERATOR_BOOLEAN_TYPE',
    /job_id/,
  ],
  [
    'non-object match',
    LIST,
    f('errors', 'E1', 'match'),
    'ERROR_OPERATOR_DICT_VALUE_TYPE',
    /errors/,
  ],
  ['unknown operator', LIST, f('status', 'A', 'like'), 'ERROR_INVALID_PARAMETER', /like.*eq/s],
  [
    'unparseable datetime',
    LIST,
    f('created_at', 'yesterday', 'datetime_gt'),
    'ERROR_INVALID_PARAMETER',
    /created_at/,
  ],
  [
    'unparseable timediff',
    LIST,
    f('created_at', 'now - 3 fortnights', 'timediff_gt'),
    'ERROR_INVALID_PARAMETER',
    /created_at/,
  ],
  ['regex lookaround', LIST, f('job_id', 'a(?=b)', 'regex'), 'ERROR_INVALID_PARAMETER', /job_id/],
  ['empty contain_in', LIST, f('job_id', [], 'contain_in'), 'ERROR_INVALID_PARAMETER', /job_id/],
  [
    'filter on errors.additional',
    LIST,
    f('errors.additional', 1, 'eq'),
    'ERROR_INVALID_PARAMETER',
    /errors\.additional/,
  ],
  ['unknown sort key', LIST, q({ sort: { key: 'nope' } }), 'ERROR_INVALID_PARAMETER', /nope/],
  [
    'limit above the maximum',
    LIST,
    q({ page: { limit: 5000 } }),
    'ERROR_INVALID_PARAMETER',
    /limit/,
  ],
  ['negative limit', LIST, q({ page: { limit: -1 } }), 'ERROR_INVALID_PARAMETER', /limit/],
  [
    'keyword over 1,000 characters',
    LIST,
    q({ keyword: 'k'.repeat(1001) }),
    'ERROR_INVALID_PARAMETER',
    /keyword/,
  ],
  [
    'limit of the wrong type',
    LIST,
    q({ page: { limit: 'ten' } }),
    'ERROR_INVALID_PARAMETER_TYPE',
    /limit/,
  ],
  ['only not a list', LIST, q({ only: 'status' }), 'ERROR_INVALID_PARAMETER_TYPE', /only/],
  ['unknown only field', LIST, q({ only: ['nope'] }), 'ERROR_INVALID_PARAMETER', /nope/],
  ['stat without query', STAT, { domain_id: 'd' }, 'ERROR_REQUIRED_PARAMETER', /query/],
  [
    'stat without aggregate or distinct',
    STAT,
    q({ filter: [] }),
    'ERROR_REQUIRED_PARAMETER',
    /aggregate/,
  ],
  [
    'stat with an unknown group operator',
    STAT,
    q({
      aggregate: [
        {
          group: {
            keys: [{ key: 'status', name: 's' }],
            fields: [{ key: 'success_count', name: 'x', operator: 'median' }],
          },
        },
      ],
    }),
    'ERROR_INVALID_PARAMETER',
    /fields\[0\]\.operator.*"median"/,
  ],
  [
    'a regex too complex for Elasticsearch, in stat',
    STAT,
    {
      domain_id: 'd',
      query: {
        filter: [{ k: 'job_id', v: 'a.{40}b', o: 'regex' }],
        aggregate: [{ count: { name: 'n' } }],
      },
    },
    'ERROR_INVALID_PARAMETER',
    /regular expression/,
  ],
  [
    'stat with an unknown stage',
    STAT,
    q({ aggregate: [{ explode: {} }] }),
    'ERROR_INVALID_PARAMETER',
    /explode/,
  ],
];

describe('bad input', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi({ MAX_STAT_GROUPS: '3' });
    await seedJobTasks(
      api.config.elasticsearch.alias,
      ['a', 'b', 'c', 'd', 'e'].map((j, i) =>
        aJobTask({ domain_id: 'd', job_task_id: `t${i}`, job_id: j }),
      ),
    );
  });
  afterAll(async () => {
    await api.close();
    await dropJobTasks(api.config.elasticsearch.alias);
  });

  it.each(CASES)('should answer %s with 400', async (_name, route, body, code, message) => {
    const { status, body: answer } = await postJson(`${api.url}${route}`, body);
    expect(status).toBe(400);
    expect(answer).toMatchObject({ error: { code } });
    expect((answer as { error: { message: string } }).error.message).toMatch(message);
  });

  // Raw text: JSON.stringify cannot write a number literal beyond a double, and deep nesting is the point.
  const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
  const deepPath = (depth: number) => `query.filter[0].v${'[0]'.repeat(depth - 1)}`;
  it.each<[string, string, string, RegExp]>([
    [
      'a filter value nested 100,000 levels deep',
      LIST,
      `{"domain_id":"d","query":{"filter":[{"k":"errors","o":"match","v":${deep(100_000)}}]}}`,
      /^Parameter is invalid\. \(key = query\.filter\[0\]\.v(\[0\])+, reason = nested more than 64 levels deep\)$/,
    ],
    [
      'a stat body nested 100,000 levels deep',
      STAT,
      `{"domain_id":"d","query":{"aggregate":[{"count":{"name":"n"}}],"filter":[{"k":"job_id","o":"in","v":${deep(100_000)}}]}}`,
      /key = query\.filter\[0\]\.v(\[0\])+, reason = nested more than 64 levels deep/,
    ],
    [
      'a filter number beyond a double (1e400)',
      LIST,
      '{"domain_id":"d","query":{"filter":[{"k":"success_count","v":1e400,"o":"lt"}]}}',
      /^Parameter is invalid\. \(key = query\.filter\[0\]\.v, reason = Infinity is not a finite number\)$/,
    ],
    [
      'a page limit beyond a double (-1e400)',
      LIST,
      '{"domain_id":"d","query":{"page":{"limit":-1e400}}}',
      /key = query\.page\.limit, reason = -Infinity is not a finite number/,
    ],
    [
      'a stat skip beyond a double',
      STAT,
      '{"domain_id":"d","query":{"aggregate":[{"skip":1e400}]}}',
      /key = query\.aggregate\[0\]\.skip, reason = Infinity is not a finite number/,
    ],
  ])('should answer %s with a 400 naming where it is', async (_name, route, text, message) => {
    const res = await postText(api, route, text);
    expect(res.status).toBe(400);
    const answer = (await res.json()) as { error: { code: string; message: string } };
    expect(answer.error.code).toBe('ERROR_INVALID_PARAMETER');
    expect(answer.error.message).toMatch(message);
  });

  it('should stop at the depth limit: 64 levels are read, 65 are not', async () => {
    const at = async (depth: number) => {
      const res = await postText(
        api,
        LIST,
        `{"domain_id":"d","query":{"filter":[{"k":"job_id","o":"in","v":${deep(depth)}}]}}`,
      );
      return ((await res.json()) as { error: { message: string } }).error.message;
    };
    // body, query, filter, filter[0] and v take five of the 64 levels.
    await expect(at(64 - 4)).resolves.not.toMatch(/levels deep/);
    await expect(at(64 - 3)).resolves.toContain(`key = ${deepPath(64 - 4)}[0], reason = nested`);
  });

  it('should answer a GET whose query parameter is nested 5,000 levels deep with a 400', async () => {
    // Brackets unencoded (a URL may carry them in its query) keep the URL under Node's header limit.
    const query = `${encodeURIComponent('{"filter":[{"k":"errors","o":"match","v":')}${deep(5000)}${encodeURIComponent('}]}')}`;
    const res = await fetch(`${api.url}/power_scheduler/v1/job-tasks?domain_id=d&query=${query}`);
    expect(res.status).toBe(400);
    await expect(res.text()).resolves.toContain('nested more than 64 levels deep');
  });

  it('should answer more groups than the configured maximum with a 400, not a truncated answer', async () => {
    const { status, body } = await postJson(
      `${api.url}${STAT}`,
      q({
        aggregate: [
          {
            group: {
              keys: [{ key: 'job_id', name: 'j' }],
              fields: [{ operator: 'count', name: 'n' }],
            },
          },
        ],
      }),
    );
    expect(status).toBe(400);
    expect(JSON.stringify(body)).toMatch(/group/i);
  });

  it('should never answer random bodies with a 5xx', async () => {
    const json = fc.jsonValue({ maxDepth: 4 });
    const condition = fc.record(
      {
        k: fc.oneof(
          fc.constantFrom('status', 'errors', 'errors.message', 'created_at', 'success_count'),
          fc.string(),
        ),
        v: json,
        o: fc.oneof(
          fc.constantFrom('eq', 'in', 'regex', 'match', 'timediff_lt', 'exists', 'contain_in'),
          fc.string(),
        ),
      },
      { requiredKeys: [] },
    );
    const query = fc.record(
      {
        filter: fc.oneof(fc.array(condition, { maxLength: 3 }), json),
        filter_or: fc.array(condition, { maxLength: 2 }),
        sort: json,
        page: fc.oneof(fc.record({ start: json, limit: json }, { requiredKeys: [] }), json),
        only: json,
        keyword: json,
        aggregate: json,
        distinct: json,
        count_only: json,
      },
      { requiredKeys: [] },
    );
    const body = fc.oneof(
      {
        weight: 4,
        arbitrary: fc.record(
          { domain_id: fc.oneof(fc.constant('d'), json), query: fc.oneof(query, json) },
          { requiredKeys: [] },
        ),
      },
      { weight: 1, arbitrary: json },
    );
    const statuses = new Map<number, number>();
    for (const [i, sample] of fc
      .sample(body, { numRuns: 300, seed: Date.now() % 100_000 })
      .entries()) {
      const { status, body: answer } = await postJson(
        `${api.url}${i % 2 === 0 ? LIST : STAT}`,
        sample,
      );
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status >= 500)
        throw new Error(`5xx for ${JSON.stringify(sample)}: ${JSON.stringify(answer)}`);
    }
    expect([...statuses.keys()].every((s) => s === 200 || s === 400)).toBe(true);
  });
});
