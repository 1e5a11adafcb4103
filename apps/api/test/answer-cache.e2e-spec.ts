import { Client } from '@elastic/elasticsearch';
import { testStack } from '@app/testing';
import Redis from 'ioredis';
import { type RunningApi, startApi } from './api-test-app';
import { aJobTask, dropJobTasks, seedJobTasks, overwriteJobTask } from './seed-index';

const LIST = '/power_scheduler/v1/job-tasks/search';
const body = { domain_id: 'd1', query: { only: ['job_task_id', 'status'] } };

async function listStatuses(api: RunningApi) {
  const res = await fetch(`${api.url}${LIST}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { results: { status: string }[] };
}

describe('answer cache', () => {
  let api: RunningApi;
  const es = new Client({ node: testStack.elasticsearchUrl });
  const redis = new Redis(testStack.redisUrl);

  beforeAll(async () => {
    api = await startApi();
    await seedJobTasks(api.config.elasticsearch.alias, [
      aJobTask({ domain_id: 'd1', job_task_id: 't1', status: 'PENDING' }),
    ]);
  });
  afterAll(async () => {
    await api.close();
    await dropJobTasks(api.config.elasticsearch.alias);
    await es.close();
    redis.disconnect();
  });

  it('should serve a repeated request from cache until the domain generation moves', async () => {
    const first = await listStatuses(api);
    expect(first.results).toEqual([{ job_task_id: 't1', status: 'PENDING' }]);

    // Change the document behind the cache's back, as a projector would, but without bumping yet.
    await overwriteJobTask(
      es,
      api.config.elasticsearch.alias,
      aJobTask({ domain_id: 'd1', job_task_id: 't1', status: 'SUCCESS' }),
    );
    await expect(listStatuses(api)).resolves.toEqual(first);

    await redis.incr(`${api.config.redis.keyPrefix}generation:d1`);
    await expect(listStatuses(api)).resolves.toEqual({
      results: [{ job_task_id: 't1', status: 'SUCCESS' }],
      total_count: 1,
    });
  });
});

describe('answer cache right after a projector write', () => {
  let api: RunningApi;
  const es = new Client({ node: testStack.elasticsearchUrl });
  const redis = new Redis(testStack.redisUrl);
  const setStatus = (status: 'PENDING' | 'SUCCESS') =>
    overwriteJobTask(
      es,
      api.config.elasticsearch.alias,
      aJobTask({ domain_id: 'd1', job_task_id: 't1', status }),
    );

  /** A field as a projector writes it, its deadline `inMs` from now in Redis's clock. */
  const markerField = async (inMs: number) => {
    const [seconds, micros] = await redis.time();
    const now = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
    await redis.hset(
      `${api.config.redis.keyPrefix}recently-written:d1`,
      'projector-1',
      `7:${now + inMs}`,
    );
  };

  beforeAll(async () => {
    api = await startApi();
    await seedJobTasks(api.config.elasticsearch.alias, [
      aJobTask({ domain_id: 'd1', job_task_id: 't1', status: 'PENDING' }),
    ]);
  });
  afterAll(async () => {
    await api.close();
    await dropJobTasks(api.config.elasticsearch.alias);
    await es.close();
    redis.disconnect();
  });

  it('should neither serve nor store cached answers while the recently-written marker lives', async () => {
    await redis.set(`${api.config.redis.keyPrefix}recently-written:d1`, '1', 'PX', 60_000);
    await expect(listStatuses(api)).resolves.toMatchObject({ results: [{ status: 'PENDING' }] });
    await setStatus('SUCCESS');
    await expect(listStatuses(api)).resolves.toMatchObject({ results: [{ status: 'SUCCESS' }] });

    await redis.del(`${api.config.redis.keyPrefix}recently-written:d1`);
    await expect(listStatuses(api)).resolves.toMatchObject({ results: [{ status: 'SUCCESS' }] });
    await setStatus('PENDING');
    // Marker gone and generation unchanged: the answer stored just above is served again.
    await expect(listStatuses(api)).resolves.toMatchObject({ results: [{ status: 'SUCCESS' }] });
  });

  it('should not cache while a field is live, and ignore a field whose projector died', async () => {
    // A new generation: the answers the test above stored are orphaned, so only this test's can be served.
    await redis.incr(`${api.config.redis.keyPrefix}generation:d1`);
    await markerField(60_000);
    await expect(listStatuses(api)).resolves.toMatchObject({ results: [{ status: 'PENDING' }] });
    await setStatus('SUCCESS');
    await expect(listStatuses(api)).resolves.toMatchObject({ results: [{ status: 'SUCCESS' }] });

    await markerField(-1);
    await expect(listStatuses(api)).resolves.toMatchObject({ results: [{ status: 'SUCCESS' }] });
    await setStatus('PENDING');
    // Only the dead field is left: the answer stored just above is served again.
    await expect(listStatuses(api)).resolves.toMatchObject({ results: [{ status: 'SUCCESS' }] });
  });
});

describe('answer cache with Redis unreachable', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi({ REDIS_URL: 'redis://127.0.0.1:1' });
    await seedJobTasks(api.config.elasticsearch.alias, [
      aJobTask({ domain_id: 'd1', job_task_id: 't1' }),
    ]);
  });
  afterAll(async () => {
    await api.close();
    await dropJobTasks(api.config.elasticsearch.alias);
  });

  it('should answer from Elasticsearch and stay ready', async () => {
    await expect(listStatuses(api)).resolves.toMatchObject({ total_count: 1 });
    const ready = await fetch(`${api.url}/ready`);
    expect(ready.status).toBe(200);
    await expect(ready.json()).resolves.toMatchObject({
      checks: { redis: { ok: false, critical: false } },
    });
  });
});

describe('answer cache when Redis lost its scripts', () => {
  let api: RunningApi;
  const es = new Client({ node: testStack.elasticsearchUrl });
  const redis = new Redis(testStack.redisUrl);
  let monitor: Redis;
  /** The script calls the API sent for this test's keys, as Redis received them. */
  const scriptCalls: string[] = [];
  const setStatus = (status: 'PENDING' | 'SUCCESS') =>
    overwriteJobTask(
      es,
      api.config.elasticsearch.alias,
      aJobTask({ domain_id: 'd1', job_task_id: 't1', status }),
    );
  /** The script calls seen while `act` ran (MONITOR reports a little after the replies). */
  const callsDuring = async (act: () => Promise<unknown>): Promise<string[]> => {
    const from = scriptCalls.length;
    await act();
    await new Promise((resolve) => setTimeout(resolve, 200));
    return scriptCalls.slice(from);
  };

  beforeAll(async () => {
    api = await startApi();
    await seedJobTasks(api.config.elasticsearch.alias, [
      aJobTask({ domain_id: 'd1', job_task_id: 't1', status: 'PENDING' }),
    ]);
    const prefix = api.config.redis.keyPrefix;
    monitor = await redis.monitor();
    monitor.on('monitor', (_time: string, args: string[], source: string) => {
      const [name, , , key] = args;
      const call = name?.toLowerCase();
      if (
        (call === 'eval' || call === 'evalsha') &&
        !source.includes('lua') &&
        key?.startsWith(prefix)
      )
        scriptCalls.push(call);
    });
  });
  afterAll(async () => {
    monitor.disconnect();
    await api.close();
    await dropJobTasks(api.config.elasticsearch.alias);
    const keys = await redis.keys(`${api.config.redis.keyPrefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await es.close();
    redis.disconnect();
  });

  it('should send its scripts by SHA, and serve and store as before once Redis lost them', async () => {
    await expect(listStatuses(api)).resolves.toMatchObject({ results: [{ status: 'PENDING' }] });
    // Once a connection has sent a script's text, only its SHA goes.
    expect((await callsDuring(() => listStatuses(api)))[0]).toBe('evalsha');

    await redis.script('FLUSH');
    await setStatus('SUCCESS');
    let served: unknown;
    const calls = await callsDuring(async () => (served = await listStatuses(api)));
    // NOSCRIPT, then the text once more: the read still finds the answer stored before.
    expect(calls.slice(0, 2)).toEqual(['evalsha', 'eval']);
    expect(served).toMatchObject({ results: [{ status: 'PENDING' }] });

    await redis.script('FLUSH');
    await redis.incr(`${api.config.redis.keyPrefix}generation:d1`);
    await expect(listStatuses(api)).resolves.toMatchObject({ results: [{ status: 'SUCCESS' }] });
    await setStatus('PENDING');
    // The storing script fell back the same way: the answer above was stored and is served.
    await expect(listStatuses(api)).resolves.toMatchObject({ results: [{ status: 'SUCCESS' }] });
  });
});
