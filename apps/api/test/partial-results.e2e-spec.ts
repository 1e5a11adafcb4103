import { Client } from '@elastic/elasticsearch';
import { JOB_TASKS_MAPPINGS, jobTasksIndexSettings } from '@app/platform';
import { testStack } from '@app/testing';
import { type RunningApi, startApi } from './api-test-app';
import { postJson } from './differential/http-call';
import { aJobTask, dropJobTasks, seedJobTasks } from './seed-index';

/*
 * A shard with no live copy, on the single test node: the alias spans a healthy index and one whose
 * only shard may not be allocated anywhere. Elasticsearch then answers from the healthy shard alone
 * (partial results, `_shards.failed: 1`) unless told not to; the API must answer 503, never that.
 */
const tasks = Array.from({ length: 30 }, (_, i) =>
  aJobTask({ domain_id: 'partial', job_task_id: `task-${i}`, job_id: `job-${i % 3}` }),
);

describe('a read model with an unavailable shard', () => {
  let api: RunningApi;
  const es = new Client({ node: testStack.elasticsearchUrl });
  let unplaced: string;

  beforeAll(async () => {
    api = await startApi({ CACHE_ENABLED: 'false' });
    const alias = api.config.elasticsearch.alias;
    await seedJobTasks(alias, tasks);
    unplaced = `${alias}-unplaced`;
    await es.indices.create({
      index: unplaced,
      mappings: JOB_TASKS_MAPPINGS,
      settings: {
        ...jobTasksIndexSettings({ shards: 1, replicas: 0 }),
        'index.routing.allocation.require._name': 'no-such-node',
      },
      aliases: { [alias]: {} },
      wait_for_active_shards: 0,
    });
  });
  afterAll(async () => {
    await api.close();
    await es.indices.delete({ index: unplaced }, { ignore: [404] });
    await dropJobTasks(api.config.elasticsearch.alias);
    await es.close();
  });

  const post = (path: string, query: unknown) =>
    postJson(`${api.url}/power_scheduler/v1/job-tasks/${path}`, { domain_id: 'partial', query });

  it('should be a case where Elasticsearch itself serves partial results', async () => {
    const res = await es.search({ index: api.config.elasticsearch.alias, size: 0 });
    expect(res._shards).toMatchObject({ total: 2, successful: 1, failed: 1 });
    expect(res.hits.total).toEqual({ value: tasks.length, relation: 'eq' });
  });

  it.each([
    ['a list page', 'search', { page: { start: 1, limit: 5 } }],
    ['a count', 'search', { count_only: true }],
    [
      'a list past the result window (point in time)',
      'search',
      { page: { start: 10001, limit: 5 } },
    ],
    [
      'an aggregation',
      'stat',
      { aggregate: [{ group: { keys: [{ key: 'job_id', name: 'job' }], fields: [] } }] },
    ],
    ['a distinct', 'stat', { distinct: 'job_id' }],
  ])('should answer %s with a 503, not the healthy shard’s part', async (_, path, query) => {
    const answer = await post(path, query);
    expect(answer).toEqual({
      status: 503,
      body: { error: { code: 'ERROR_UNAVAILABLE', message: expect.any(String) as unknown } },
    });
  });
});
