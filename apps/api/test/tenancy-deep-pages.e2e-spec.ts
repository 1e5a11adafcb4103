import { type RunningApi, startApi } from './api-test-app';
import { postJson } from './differential/http-call';
import { aJobTask, dropJobTasks, seedJobTasks } from './seed-index';

/*
 * Past Elasticsearch's 10,000-hit window the list pages through a point in time and the stat scan
 * reads with search_after: each request of those must stay in the caller domain too. The two
 * domains share half their task ids, so a leak shows as a larger count or a foreign id.
 */
const MINE = 10_020;
const id = (i: number) => `task-${String(i).padStart(5, '0')}`;
const seeded = [
  ...Array.from({ length: MINE }, (_, i) =>
    aJobTask({ domain_id: 'deep-mine', job_task_id: id(i) }),
  ),
  ...Array.from({ length: MINE }, (_, i) =>
    aJobTask({
      domain_id: 'deep-theirs',
      job_task_id: id(i + 5_000),
      job_id: 'job-theirs',
      provider: 'secret-provider',
    }),
  ),
];

describe('tenant isolation past the 10,000-hit window', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi({ CACHE_ENABLED: 'false' });
    await seedJobTasks(api.config.elasticsearch.alias, seeded);
  });
  afterAll(async () => {
    await api.close();
    await dropJobTasks(api.config.elasticsearch.alias);
  });

  const list = (query: unknown) =>
    postJson(`${api.url}/power_scheduler/v1/job-tasks/search`, { domain_id: 'deep-mine', query });
  const stat = (query: unknown) =>
    postJson(`${api.url}/power_scheduler/v1/job-tasks/stat`, { domain_id: 'deep-mine', query });

  it('should page past the window through the caller domain only', async () => {
    const answer = await list({
      sort: { key: 'job_task_id' },
      page: { start: 10_001, limit: 30 },
      only: ['job_task_id', 'domain_id'],
    });
    expect(answer.body).toEqual({
      results: Array.from({ length: 20 }, (_, i) => ({
        job_task_id: id(10_000 + i),
        domain_id: 'deep-mine',
      })),
      total_count: MINE,
    });
  });

  it('should count the caller domain only', async () => {
    expect((await list({ count_only: true })).body).toEqual({ results: [], total_count: MINE });
  });

  it('should scan the caller domain only for a stat the index cannot aggregate', async () => {
    const answer = await stat({
      aggregate: [
        {
          group: {
            keys: [{ key: 'provider', name: 'p' }],
            fields: [
              { operator: 'count', name: 'n' },
              { key: 'job_task_id', operator: 'size', name: 'ids' },
              { key: 'job_task_id', operator: 'last', name: 'last_id' },
            ],
          },
        },
      ],
    });
    expect(answer).toEqual({
      status: 200,
      body: { results: [{ p: 'aws', n: MINE, ids: MINE, last_id: id(MINE - 1) }] },
    });
  });

  it('should give distinct values of the caller domain only', async () => {
    expect((await stat({ distinct: 'job_id' })).body).toEqual({ results: ['job-1'] });
  });
});
