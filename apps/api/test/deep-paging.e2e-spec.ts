import type { JobTaskInfo } from '@app/domain';
import { parseJobTaskListRequest } from '@app/query';
import { evaluateJobTaskList, REFERENCE_NOW } from '@app/query-reference';
import { type RunningApi, startApi } from './api-test-app';
import { postJson } from './differential/http-call';
import { aJobTask, dropJobTasks, seedJobTasks } from './seed-index';

/*
 * 12,000 tasks in one domain (and noise in another): pages far past Elasticsearch's 10,000-result
 * window must be exactly the reference's rows, with an exact total_count.
 */
const TASKS = 12_000;
const STATUSES = ['PENDING', 'IN_PROGRESS', 'SUCCESS', 'FAILURE'] as const;

function seededTasks(domainId: string, count: number): JobTaskInfo[] {
  return Array.from({ length: count }, (_, i) =>
    aJobTask({
      domain_id: domainId,
      job_task_id: `task-${String((i * 7919) % count).padStart(5, '0')}`,
      status: STATUSES[i % 4] ?? 'PENDING',
      // an unset count sorts lowest, also through search_after (an integer sorts as a Java int)
      success_count: (i % 17 === 0 ? null : i % 13) as number,
      job_id: `job-${i % 300}`,
      provider: i % 5 === 0 ? null : `p${i % 3}`,
      // Many equal timestamps, so the job_task_id tie-break decides most of the order.
      created_at:
        i % 11 === 0 ? null : new Date(Date.UTC(2026, 10, 1) + (i % 97) * 60_000).toISOString(),
    }),
  );
}

describe('deep paging past the 10,000-result window', () => {
  let api: RunningApi;
  const tasks = seededTasks('deep', TASKS);

  beforeAll(async () => {
    api = await startApi({ CACHE_ENABLED: 'false' });
    await seedJobTasks(api.config.elasticsearch.alias, [...tasks, ...seededTasks('noise', 500)]);
  });
  afterAll(async () => {
    await api.close();
    await dropJobTasks(api.config.elasticsearch.alias);
  });

  const cases: [string, Record<string, unknown>][] = [
    ['default sort, last page', { page: { start: 11_991, limit: 20 } }],
    ['default sort, across the window edge', { page: { start: 9_995, limit: 12 } }],
    [
      'two keys with nulls, deep',
      {
        sort: { keys: [{ key: 'provider' }, { key: 'success_count', desc: true }] },
        page: { start: 10_500, limit: 25 },
      },
    ],
    [
      'filtered, deep',
      {
        filter: [{ k: 'status', v: ['SUCCESS', 'FAILURE'], o: 'in' }],
        sort: { key: 'job_id' },
        page: { start: 5_990, limit: 30 },
      },
    ],
    [
      'an integer key with nulls, across the window edge',
      { sort: { key: 'success_count' }, page: { start: 9_990, limit: 30 } },
    ],
    [
      'an integer key with nulls, descending, deep',
      {
        sort: { keys: [{ key: 'success_count', desc: true }] },
        page: { start: 11_280, limit: 40 },
      },
    ],
    ['past the end', { page: { start: 12_001, limit: 10 } }],
  ];

  it.each(cases)('should return the reference rows: %s', async (_name, query) => {
    const body = { domain_id: 'deep', query };
    const limits = api.config.api.limits;
    const expected = evaluateJobTaskList(
      tasks,
      parseJobTaskListRequest(body, limits),
      limits,
      REFERENCE_NOW,
    );
    const actual = await postJson(`${api.url}/power_scheduler/v1/job-tasks/search`, body);
    expect(actual.status).toBe(200);
    expect(actual.body).toEqual(expected);
  });

  it('should count all 12,000 matches exactly', async () => {
    const actual = await postJson(`${api.url}/power_scheduler/v1/job-tasks/search`, {
      domain_id: 'deep',
      query: { count_only: true },
    });
    expect(actual.body).toEqual({ results: [], total_count: TASKS });
  });

  it('should refuse an unpaged list of more than the configured cap with a 400 asking for paging', async () => {
    const actual = await postJson(`${api.url}/power_scheduler/v1/job-tasks/search`, {
      domain_id: 'deep',
    });
    expect(actual.status).toBe(400);
    expect(JSON.stringify(actual.body)).toMatch(/page/i);
  });
});
