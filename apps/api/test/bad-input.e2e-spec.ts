import fc from 'fast-check';
import { type RunningApi, startApi } from './api-test-app';
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
