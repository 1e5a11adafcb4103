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
