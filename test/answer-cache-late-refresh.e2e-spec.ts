import { loadProjectorConfig } from '@app/config';
import { generationKey, recentWriteKey } from '@app/platform';
import type { INestApplication } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  startReadyProjector,
  stopProjector,
} from '../apps/projector/test/support/projector.harness';
import { isolatedEnv } from '../apps/projector/test/support/projector-test.config';
import { StackClients } from '../apps/projector/test/support/stack.clients';
import { type RunningApi, startApi } from '../apps/api/test/api-test-app';

/*
 * The answer cache against a refresh that comes later than any fixed window: real projector, real API,
 * real Elasticsearch (its refresh switched off for a while), real Redis.
 */
const DOMAIN = 'domain-late-refresh';

function event(id: string, type: string, at: string, data?: Record<string, unknown>) {
  return {
    key: 'task-1',
    value: JSON.stringify({
      event_id: id,
      event_type: type,
      occurred_at: at,
      domain_id: DOMAIN,
      job_task_id: 'task-1',
      ...(data && { data }),
    }),
  };
}

async function until(probe: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`not true within ${timeoutMs} ms`);
    await sleep(100);
  }
}

describe('answer cache when Elasticsearch refreshes late', () => {
  const env = isolatedEnv({ EVENTS_TOPIC_PARTITIONS: '1' });
  const config = loadProjectorConfig(env);
  const alias = config.elasticsearch.alias;
  const prefix = config.redis.keyPrefix;
  let stack: StackClients;
  let projector: INestApplication | undefined;
  let api: RunningApi;

  const status = async (): Promise<unknown> => {
    const res = await fetch(`${api.url}/power_scheduler/v1/job-tasks/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ domain_id: DOMAIN, query: { only: ['job_task_id', 'status'] } }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { results: { status: string }[] };
    return body.results[0]?.status;
  };
  const markerGone = async () => (await stack.redis.exists(recentWriteKey(prefix, DOMAIN))) === 0;
  const generation = async () => Number(await stack.redis.get(generationKey(prefix, DOMAIN)));
  const cachedAnswers = async () =>
    (await stack.redis.keys(`${prefix}answer:${DOMAIN}:${await generation()}:*`)).length;

  beforeAll(async () => {
    stack = new StackClients(config);
    await stack.redis.connect();
    projector = await startReadyProjector(config);
    api = await startApi({
      JOB_TASKS_ALIAS: alias,
      REDIS_KEY_PREFIX: prefix,
      CACHE_ENABLED: 'true',
    });
  });
  afterAll(async () => {
    await api?.close();
    await stopProjector(projector, stack);
  });

  it('should not serve an answer computed before a late refresh once the refresh happened', async () => {
    await stack.produce([
      event('e-1', 'job_task.created', '2026-11-28T10:00:00.000Z', { job_id: 'job-1' }),
    ]);
    await until(async () => (await status()) === 'PENDING');
    await until(markerGone);

    await stack.es.indices.putSettings({ index: alias, settings: { refresh_interval: '-1' } });
    const before = await generation();
    await stack.produce([
      event('e-2', 'job_task.succeeded', '2026-11-28T10:00:05.000Z', { success_count: 1 }),
    ]);
    // The bump follows the bulk's return: from here on the write is in Elasticsearch, not yet searchable.
    await until(async () => (await generation()) > before);
    await sleep(1_500); // past the 1.2 s a fixed marker window used to give a refresh
    await expect(status()).resolves.toBe('PENDING');
    await expect(status()).resolves.toBe('PENDING');

    await stack.es.indices.refresh({ index: alias });
    await expect(status()).resolves.toBe('SUCCESS');
  }, 60_000);

  it('should cache again once the refreshes resume', async () => {
    await stack.es.indices.putSettings({ index: alias, settings: { refresh_interval: '1s' } });
    await until(markerGone);
    await expect(status()).resolves.toBe('SUCCESS');
    expect(await cachedAnswers()).toBeGreaterThan(0);
  }, 60_000);
});
