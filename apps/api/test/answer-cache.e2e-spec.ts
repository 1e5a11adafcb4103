import { Client } from '@elastic/elasticsearch';
import { deleteKeysUnder, testStack } from '@app/testing';
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

/** One script call the API made, as MONITOR reported it. */
type ScriptCall = { call: 'eval' | 'evalsha'; connection: string; script: string };

/** The first call of each script on each connection. */
function firstUses(calls: ScriptCall[]): ScriptCall[] {
  const seen = new Set<string>();
  return calls.filter((c) => {
    const id = `${c.connection} ${c.script}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** Whether `next` is the text of `call`'s script sent again on its connection (ioredis after a NOSCRIPT). */
function isTextResendOf(call: ScriptCall, next: ScriptCall | undefined): boolean {
  return (
    next?.call === 'eval' && next.script === call.script && next.connection === call.connection
  );
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
  const scriptCalls: ScriptCall[] = [];
  const setStatus = (status: 'PENDING' | 'SUCCESS') =>
    overwriteJobTask(
      es,
      api.config.elasticsearch.alias,
      aJobTask({ domain_id: 'd1', job_task_id: 't1', status }),
    );
  /** The script calls seen while `act` ran (MONITOR reports a little after the replies). */
  const callsDuring = async (act: () => Promise<unknown>): Promise<ScriptCall[]> => {
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
      const [name, , keyCount = '', key] = args;
      const call = name?.toLowerCase();
      if ((call !== 'eval' && call !== 'evalsha') || source.includes('lua')) return;
      if (!key?.startsWith(prefix)) return;
      // MONITOR escapes a script's text, so its hash is not the SHA; the cache's two scripts differ in key count.
      const script = `${keyCount} keys`;
      scriptCalls.push({ call, connection: source, script });
    });
  });
  afterAll(async () => {
    monitor.disconnect();
    await api.close();
    await dropJobTasks(api.config.elasticsearch.alias);
    await deleteKeysUnder(redis, api.config.redis.keyPrefix);
    await es.close();
    redis.disconnect();
  });

  /*
   * ioredis sends a script's text on a connection's first use of it, and its SHA after that. The cache drops
   * a connection whose command misses its 250 ms deadline, which a loaded machine can cause: so the
   * expectations are per connection, not per request.
   */
  it('should send its scripts by SHA, and serve and store as before once Redis lost them', async () => {
    const calls = await callsDuring(async () => {
      for (let i = 0; i < 3; i++) {
        await expect(listStatuses(api)).resolves.toMatchObject({
          results: [{ status: 'PENDING' }],
        });
      }
    });
    // A script's text goes at most once per connection: as its first use there (which may precede MONITOR).
    const firsts = firstUses(calls);
    expect(calls.filter((c) => c.call === 'eval' && !firsts.includes(c))).toEqual([]);
    expect(calls.some((c) => c.call === 'evalsha')).toBe(true);

    // NOSCRIPT, then the text once more on the same connection: the read still finds the answer stored before.
    await setStatus('SUCCESS');
    let resent: ScriptCall[] = [];
    for (let attempt = 0; attempt < 3 && resent.length === 0; attempt++) {
      await redis.script('FLUSH');
      let served: unknown;
      const after = await callsDuring(async () => (served = await listStatuses(api)));
      expect(served).toMatchObject({ results: [{ status: 'PENDING' }] });
      resent = after.filter((c, i) => c.call === 'evalsha' && isTextResendOf(c, after[i + 1]));
    }
    expect(resent).not.toEqual([]);

    await redis.script('FLUSH');
    await redis.incr(`${api.config.redis.keyPrefix}generation:d1`);
    await expect(listStatuses(api)).resolves.toMatchObject({ results: [{ status: 'SUCCESS' }] });
    await setStatus('PENDING');
    // The storing script fell back the same way: the answer above was stored and is served.
    await expect(listStatuses(api)).resolves.toMatchObject({ results: [{ status: 'SUCCESS' }] });
  });
});
