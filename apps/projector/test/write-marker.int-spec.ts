import { loadProjectorConfig } from '@app/config';
import { JsonLogger, MARKER_UP_LUA, recentWriteKey } from '@app/platform';
import { deleteKeysUnder, freePort, testStack, uniqueName } from '@app/testing';
import { Client } from '@elastic/elasticsearch';
import Redis from 'ioredis';
import { connect, createServer, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { ProjectorMetrics } from '../src/metrics/projector.metrics';
import { GenerationNotifier } from '../src/redis/generation.notifier';
import { RefreshProbe } from '../src/redis/refresh.probe';

const IS_UP = `${MARKER_UP_LUA}\nreturn marker_up(KEYS[1]) and 1 or 0`;

/** Relays a port to the shared Elasticsearch, so "Elasticsearch comes back" needs no restart of the one others use. */
async function relayToElasticsearch(port: number): Promise<{ close(): Promise<void> }> {
  const target = new URL(testStack.elasticsearchUrl);
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(target.port || 9200), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined).on('close', () => sockets.delete(socket));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((done) => server.close(() => done()));
    },
  };
}

async function until(probe: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`not true within ${timeoutMs} ms`);
    await sleep(50);
  }
}

describe('write marker against the real Elasticsearch and Redis', () => {
  const es = new Client({ node: testStack.elasticsearchUrl });
  const redis = new Redis(testStack.redisUrl);
  const index = uniqueName('cache-marker');
  const prefix = `${uniqueName('cache-marker')}:`;
  beforeAll(async () => {
    await es.indices.create({
      index,
      settings: { number_of_shards: 2, number_of_replicas: 0, refresh_interval: '-1' },
    });
  });
  afterAll(async () => {
    await es.indices.delete({ index }, { ignore: [404] });
    await deleteKeysUnder(redis, prefix);
    await es.close();
    redis.disconnect();
  });

  it('should come back only once a refresh has made the writes before it searchable', async () => {
    const probe = new RefreshProbe(es);
    await es.index({ index, id: 'a', document: { n: 1 } });
    let back = false;
    const waiting = probe.await(index).then(() => (back = true));
    await sleep(1_500);
    expect(back).toBe(false);
    await es.indices.refresh({ index });
    await waiting;
    expect(back).toBe(true);
    const seen = await es.search({ index, query: { ids: { values: ['a'] } } });
    expect(seen.hits.hits.map((h) => h._id)).toEqual(['a']);
    await expect(probe.await(uniqueName('no-such-index'))).resolves.toBeUndefined();
  });

  it('should keep the marker up until a refresh after the write, however late it comes', async () => {
    const config = loadProjectorConfig({
      ...process.env,
      REDIS_URL: testStack.redisUrl,
      REDIS_KEY_PREFIX: prefix,
    });
    const client = new Redis(testStack.redisUrl);
    const notifier = new GenerationNotifier(
      client,
      config,
      new JsonLogger('error', 'write-marker-test'),
      new ProjectorMetrics(),
      es,
    );
    const marker = recentWriteKey(prefix, 'tenant-late');
    const isUp = async () => (await redis.eval(IS_UP, 1, marker)) === 1;
    try {
      await es.index({ index, id: 'c', document: { n: 3 } });
      notifier.bump(['tenant-late'], index);
      await until(isUp);
      await sleep(2_000); // longer than any fixed window sized for a 1 s refresh interval
      expect(await isUp()).toBe(true);
      await es.indices.refresh({ index });
      await until(async () => (await redis.exists(marker)) === 0, 5_000);
    } finally {
      await notifier.beforeApplicationShutdown();
      client.disconnect();
    }
  }, 30_000);

  it('should keep the marker up while Elasticsearch cannot be probed, and clear it once it can', async () => {
    const config = loadProjectorConfig({
      ...process.env,
      REDIS_URL: testStack.redisUrl,
      REDIS_KEY_PREFIX: prefix,
    });
    const client = new Redis(testStack.redisUrl);
    const port = await freePort();
    const unreachable = new Client({ node: `http://127.0.0.1:${port}`, maxRetries: 0 });
    const notifier = new GenerationNotifier(
      client,
      config,
      new JsonLogger('error', 'write-marker-test'),
      new ProjectorMetrics(),
      unreachable,
    );
    const marker = recentWriteKey(prefix, 'tenant-blind');
    let relay: { close(): Promise<void> } | undefined;
    try {
      await es.index({ index, id: 'd', document: { n: 4 } });
      notifier.bump(['tenant-blind'], index);
      await until(async () => (await redis.eval(IS_UP, 1, marker)) === 1);
      await es.indices.refresh({ index });
      await sleep(1_500);
      // Refreshed, but not observed: the cache must stay off rather than trust it.
      expect(await redis.eval(IS_UP, 1, marker)).toBe(1);

      relay = await relayToElasticsearch(port);
      // Only a refresh after the next probe went out proves anything; refresh off, so keep refreshing.
      await until(async () => {
        await es.indices.refresh({ index });
        return (await redis.exists(marker)) === 0;
      }, 10_000);
    } finally {
      await notifier.beforeApplicationShutdown();
      client.disconnect();
      await unreachable.close();
      await relay?.close();
    }
  }, 30_000);
});
