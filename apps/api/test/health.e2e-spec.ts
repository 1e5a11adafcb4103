import { testStack } from '@app/testing';
import { TcpProxy } from '@app/testing/net/tcp-proxy';
import { type RunningApi, startApi } from './api-test-app';
import { dropJobTasks, seedJobTasks } from './seed-index';

interface ReadyBody {
  status: string;
  failing: string[];
  checks: Record<string, { ok: boolean; error?: string }>;
}

async function ready(api: RunningApi): Promise<{ status: number; body: ReadyBody }> {
  const res = await fetch(`${api.url}/ready`, { signal: AbortSignal.timeout(5_000) });
  return { status: res.status, body: (await res.json()) as ReadyBody };
}

/** Polls /ready until `done` holds, and returns the last answer either way. */
async function readyUntil(
  api: RunningApi,
  done: (answer: { status: number; body: ReadyBody }) => boolean,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await ready(api);
    if (done(answer) || Date.now() > deadline) return answer;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/*
 * Elasticsearch and Redis are reached through proxies the test takes down and brings back: the shared servers
 * keep running for everybody else.
 */
describe('API health and readiness', () => {
  let es: TcpProxy;
  let redis: TcpProxy;
  let api: RunningApi;

  beforeAll(async () => {
    es = await TcpProxy.create(testStack.elasticsearchUrl);
    redis = await TcpProxy.create(testStack.redisUrl);
    await redis.up();
    // Started while Elasticsearch is down: the API must come up and wait, not crash.
    api = await startApi({
      ELASTICSEARCH_URL: es.url(testStack.elasticsearchUrl),
      REDIS_URL: redis.url(testStack.redisUrl),
    });
  });
  afterAll(async () => {
    await api?.close();
    await Promise.all([es?.down(), redis?.down()]);
    if (api) await dropJobTasks(api.config.elasticsearch.alias);
  });

  it('should answer /health but be unready naming Elasticsearch when started while it is down', async () => {
    const live = await fetch(`${api.url}/health`);
    expect(live.status).toBe(200);
    const answer = await ready(api);
    expect(answer.status).toBe(503);
    expect(answer.body.failing).toEqual(expect.arrayContaining(['elasticsearch']));
  });

  it('should be unready, and answer 503, until the projector has created the read model', async () => {
    await es.up();
    const answer = await readyUntil(api, (a) => !a.body.failing.includes('elasticsearch'), 10_000);
    expect(answer.status).toBe(503);
    expect(answer.body.failing).toEqual(['read-model']);
    const list = await fetch(`${api.url}/power_scheduler/v1/job-tasks/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ domain_id: 'd1' }),
    });
    expect(list.status).toBe(503);
    await expect(list.json()).resolves.toMatchObject({ error: { code: 'ERROR_UNAVAILABLE' } });
  });

  it('should turn ready once the read model exists', async () => {
    await seedJobTasks(api.config.elasticsearch.alias, []);
    const answer = await readyUntil(api, (a) => a.status === 200, 10_000);
    expect(answer).toMatchObject({ status: 200, body: { status: 'ready', failing: [] } });
  });

  it('should turn 503 naming Elasticsearch when it goes away, and 200 again once it is back', async () => {
    await es.down();
    const down = await readyUntil(api, (a) => a.status === 503, 10_000);
    expect(down.status).toBe(503);
    expect(down.body.status).toBe('unavailable');
    expect(down.body.failing).toContain('elasticsearch');
    expect((await fetch(`${api.url}/health`)).status).toBe(200);

    await es.up();
    const back = await readyUntil(api, (a) => a.status === 200, 15_000);
    expect(back.status).toBe(200);
  });

  it('should turn 503 when Elasticsearch accepts connections but stops answering, and 200 once it answers', async () => {
    await es.down();
    await es.up({ silent: true });
    const hung = await readyUntil(api, (a) => a.status === 503, 15_000);
    expect(hung.status).toBe(503);
    expect(hung.body.checks.elasticsearch?.ok).toBe(false);
    await es.down();
    await es.up();
    expect((await readyUntil(api, (a) => a.status === 200, 15_000)).status).toBe(200);
  });

  it('should stay ready without Redis, reporting it, and see it again once it is back', async () => {
    await redis.down();
    const without = await readyUntil(api, (a) => a.body.checks.redis?.ok === false, 10_000);
    expect(without.status).toBe(200);
    expect(without.body.checks.redis?.ok).toBe(false);

    await redis.up();
    const back = await readyUntil(api, (a) => a.body.checks.redis?.ok === true, 15_000);
    expect(back.body.checks.redis?.ok).toBe(true);
  });
});
