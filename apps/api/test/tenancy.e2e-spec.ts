import { type RunningApi, startApi } from './api-test-app';
import { aJobTask, dropJobTasks, seedJobTasks } from './seed-index';

/*
 * Two tenants whose tasks share ids, job ids and error codes. Every request asks as domain "mine"
 * and tries, through one query feature after another, to see or count domain "theirs".
 */
const mine = [
  aJobTask({
    domain_id: 'mine',
    job_task_id: 'task-1',
    job_id: 'job-shared',
    errors: [{ error_code: 'E1', message: 'm', additional: {} }],
  }),
  aJobTask({ domain_id: 'mine', job_task_id: 'task-2', job_id: 'job-mine', status: 'FAILURE' }),
];
const theirs = [
  aJobTask({
    domain_id: 'theirs',
    job_task_id: 'task-1',
    job_id: 'job-shared',
    provider: 'secret-provider',
    errors: [
      { error_code: 'E1', message: 'x', additional: { k: 1 } },
      { error_code: 'E2', message: 'y', additional: {} },
    ],
  }),
  aJobTask({
    domain_id: 'theirs',
    job_task_id: 'task-9',
    job_id: 'job-theirs',
    provider: 'secret-provider',
  }),
];

async function call(api: RunningApi, path: string, body: unknown) {
  const res = await fetch(`${api.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
const list = (api: RunningApi, query: unknown) =>
  call(api, '/power_scheduler/v1/job-tasks/search', { domain_id: 'mine', query });
const stat = (api: RunningApi, query: unknown) =>
  call(api, '/power_scheduler/v1/job-tasks/stat', { domain_id: 'mine', query });

describe('tenant isolation', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi();
    await seedJobTasks(api.config.elasticsearch.alias, [...mine, ...theirs]);
  });
  afterAll(async () => {
    await api.close();
    await dropJobTasks(api.config.elasticsearch.alias);
  });

  it('should return only the caller domain with no filter at all', async () => {
    const { body } = await list(api, {});
    expect(body.total_count).toBe(2);
    expect((body.results as { domain_id: string }[]).every((r) => r.domain_id === 'mine')).toBe(
      true,
    );
  });

  it('should not widen the scope through a domain_id filter', async () => {
    const { body } = await list(api, { filter: [{ k: 'domain_id', v: 'theirs', o: 'eq' }] });
    expect(body).toEqual({ results: [], total_count: 0 });
  });

  it('should AND filter_or with the domain instead of OR-ing around it', async () => {
    const { body } = await list(api, {
      filter_or: [
        { k: 'domain_id', v: 'theirs', o: 'eq' },
        { k: 'provider', v: 'secret-provider', o: 'eq' },
        { k: 'job_task_id', v: 'task', o: 'contain' },
      ],
    });
    expect((body.results as { domain_id: string }[]).map((r) => r.domain_id)).toEqual([
      'mine',
      'mine',
    ]);
  });

  it('should not find another domain through keyword', async () => {
    const { body } = await list(api, { keyword: 'job-theirs task-9' });
    expect(body).toEqual({ results: [], total_count: 0 });
  });

  it('should not reveal another domain through sort and only', async () => {
    const { body } = await list(api, {
      sort: { key: 'provider', desc: true },
      only: ['domain_id', 'provider'],
    });
    expect(body.results).toEqual([
      { domain_id: 'mine', provider: 'aws' },
      { domain_id: 'mine', provider: 'aws' },
    ]);
  });

  it('should not count another domain through distinct', async () => {
    const { body } = await stat(api, { distinct: 'job_id' });
    expect(body.results).toEqual(['job-mine', 'job-shared']);
  });

  it('should not count another domain through group keys', async () => {
    const { body } = await stat(api, {
      aggregate: [
        {
          group: {
            keys: [
              { key: 'domain_id', name: 'd' },
              { key: 'provider', name: 'p' },
            ],
            fields: [{ operator: 'count', name: 'n' }],
          },
        },
      ],
    });
    expect(body.results).toEqual([{ d: 'mine', p: 'aws', n: 2 }]);
  });

  it('should not count another domain through unwind of errors', async () => {
    const { body } = await stat(api, {
      aggregate: [
        { unwind: { path: 'errors' } },
        {
          group: {
            keys: [{ key: 'errors.error_code', name: 'code' }],
            fields: [{ operator: 'count', name: 'n' }],
          },
        },
      ],
    });
    expect(body.results).toEqual([{ code: 'E1', n: 1 }]);
  });

  it('should count only the caller domain with count_only', async () => {
    const { body } = await list(api, {
      count_only: true,
      filter_or: [
        { k: 'domain_id', v: 'theirs', o: 'eq' },
        { k: 'job_task_id', v: 'task', o: 'contain' },
      ],
    });
    expect(body).toEqual({ results: [], total_count: 2 });
  });

  it('should page within the caller domain only', async () => {
    const { body } = await list(api, {
      sort: { key: 'job_task_id' },
      page: { start: 2, limit: 5 },
      only: ['job_task_id', 'domain_id'],
    });
    expect(body).toEqual({
      results: [{ job_task_id: 'task-2', domain_id: 'mine' }],
      total_count: 2,
    });
  });

  it('should give the caller its own copy of a task id both domains use', async () => {
    const { body } = await call(api, '/power_scheduler/v1/job-tasks/search', {
      domain_id: 'mine',
      job_task_id: 'task-1',
    });
    expect(body.total_count).toBe(1);
    expect(body.results).toEqual([
      expect.objectContaining({
        domain_id: 'mine',
        provider: 'aws',
        errors: [{ error_code: 'E1', message: 'm', additional: {} }],
      }),
    ]);
  });

  it.each<[string, unknown]>([
    ['domain_id in a list', [{ k: 'domain_id', v: ['mine', 'theirs'], o: 'in' }]],
    ['domain_id not equal to the caller', [{ k: 'domain_id', v: 'mine', o: 'not' }]],
    ['a regex matching every domain', [{ k: 'domain_id', v: '.*', o: 'regex_in' }]],
    ['an error only the other domain has', [{ k: 'errors', v: { error_code: 'E2' }, o: 'match' }]],
    ['a value only the other domain has', [{ k: 'provider', v: 'secret', o: 'contain' }]],
  ])('should find nothing of the other domain through %s', async (_name, filter) => {
    const { status, body } = await list(api, { filter, only: ['domain_id'] });
    expect(status).toBeLessThan(500);
    expect(JSON.stringify(body)).not.toContain('theirs');
  });

  it('should read the GET route in the caller domain only', async () => {
    const query = encodeURIComponent(
      JSON.stringify({
        filter_or: [
          { k: 'domain_id', v: 'theirs', o: 'eq' },
          { k: 'job_id', v: 'job', o: 'contain' },
        ],
      }),
    );
    const res = await fetch(
      `${api.url}/power_scheduler/v1/job-tasks?domain_id=mine&query=${query}`,
    );
    const body = (await res.json()) as { results: { domain_id: string }[]; total_count: number };
    expect(body.total_count).toBe(2);
    expect(body.results.map((r) => r.domain_id)).toEqual(['mine', 'mine']);
  });

  it.each<[string, unknown, unknown]>([
    [
      'a count stage',
      {
        filter_or: [
          { k: 'domain_id', v: 'theirs', o: 'eq' },
          { k: 'job_id', v: 'job', o: 'contain' },
        ],
        aggregate: [{ count: { name: 'n' } }],
      },
      { results: [{ n: 2 }] },
    ],
    [
      'Format A with a group and a count',
      {
        aggregate: {
          group: {
            keys: [{ key: 'provider', name: 'p' }],
            fields: [{ key: 'job_task_id', name: 'ids', operator: 'add_to_set' }],
          },
          count: { name: 'n' },
        },
      },
      { results: [{ n: 1 }] },
    ],
    [
      'a paged group with its total',
      {
        aggregate: [
          {
            group: {
              keys: [{ key: 'job_task_id', name: 'id' }],
              fields: [{ key: 'provider', name: 'ps', operator: 'push' }],
            },
          },
          { sort: { key: 'id' } },
        ],
        page: { start: 1, limit: 10 },
      },
      {
        results: [
          { id: 'task-1', ps: ['aws'] },
          { id: 'task-2', ps: ['aws'] },
        ],
        total_count: 2,
      },
    ],
    ['distinct values of an array field', { distinct: 'errors.error_code' }, { results: ['E1'] }],
    [
      'the size of the error messages',
      {
        aggregate: [
          { unwind: { path: 'errors' } },
          {
            group: {
              fields: [
                { key: 'errors.message', name: 'messages', operator: 'add_to_set' },
                { operator: 'count', name: 'n' },
              ],
            },
          },
        ],
      },
      { results: [{ messages: ['m'], n: 1 }] },
    ],
    [
      'a keyword naming only the other domain',
      { keyword: 'job-theirs task-9', aggregate: [{ count: { name: 'n' } }] },
      { results: [] },
    ],
  ])('should aggregate the caller domain only through %s', async (_name, query, expected) => {
    const { status, body } = await stat(api, query);
    expect(status).toBe(200);
    expect(body).toEqual(expected);
  });

  it('should not serve one domain a cached answer of another', async () => {
    const asMine = await list(api, { only: ['job_task_id', 'domain_id'] });
    const asTheirs = await call(api, '/power_scheduler/v1/job-tasks/search', {
      domain_id: 'theirs',
      query: { only: ['job_task_id', 'domain_id'] },
    });
    const again = await list(api, { only: ['job_task_id', 'domain_id'] });
    expect(
      (asTheirs.body.results as { domain_id: string }[]).every((r) => r.domain_id === 'theirs'),
    ).toBe(true);
    expect(again.body).toEqual(asMine.body);
    expect(
      (again.body.results as { domain_id: string }[]).every((r) => r.domain_id === 'mine'),
    ).toBe(true);
  });
});
