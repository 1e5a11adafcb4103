import { connect, createServer, type Server, type Socket } from 'node:net';
import { loadProjectorConfig } from '@app/config';
import { createRedisClient, JsonLogger } from '@app/platform';
import { freePort, testStack, uniqueName } from '@app/testing';
import { Client } from '@elastic/elasticsearch';
import Redis from 'ioredis';
import { ProjectorMetrics } from '../src/metrics/projector.metrics';
import { GenerationNotifier } from '../src/redis/generation.notifier';

/** Relays a port to the shared Redis, so "Redis comes back" needs no restart of the one others use. */
function relayToRedis(port: number): Promise<{ close(): Promise<void> }> {
  const target = new URL(testStack.redisUrl);
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 6379), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined).on('close', () => sockets.delete(socket));
    }
    client.pipe(upstream).pipe(client);
  });
  return new Promise((resolve) =>
    server.listen(port, '127.0.0.1', () =>
      resolve({
        close: () => {
          for (const socket of sockets) socket.destroy();
          return new Promise<void>((done) => server.close(() => done()));
        },
      }),
    ),
  );
}

describe('generation bump while Redis is unreachable', () => {
  const prefix = `${uniqueName('gen-retry')}:`;
  const redis = new Redis(testStack.redisUrl);
  const generation = `${prefix}generation:tenant-retry`;

  afterAll(async () => {
    await redis.del(generation, `${prefix}recently-written:tenant-retry`);
    redis.disconnect();
  });

  it('should bump the domain once Redis answers again instead of dropping the bump', async () => {
    const port = await freePort();
    const config = loadProjectorConfig({
      ...process.env,
      REDIS_URL: `redis://127.0.0.1:${port}`,
      REDIS_KEY_PREFIX: prefix,
    });
    const client = createRedisClient(config.redis);
    const es = new Client({ node: testStack.elasticsearchUrl });
    const metrics = new ProjectorMetrics();
    const notifier = new GenerationNotifier(
      client,
      config,
      new JsonLogger('error', 'gen-retry-test'),
      metrics,
      es,
    );
    let relay: { close(): Promise<void> } | undefined;
    try {
      notifier.bump(['tenant-retry'], uniqueName('gen-retry-no-index'));
      await notifier.flush();
      expect((await metrics.generationBumpFailures.get()).values[0]?.value).toBe(1);
      expect(await redis.get(generation)).toBeNull();

      relay = await relayToRedis(port);
      const deadline = Date.now() + 10_000;
      while ((await redis.get(generation)) === null && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      // The bump that failed must land, or answers cached before the write stay valid for a whole TTL.
      expect(await redis.get(generation)).toBe('1');
    } finally {
      await notifier.beforeApplicationShutdown();
      client.disconnect();
      await es.close();
      await relay?.close();
    }
  }, 20_000);
});
