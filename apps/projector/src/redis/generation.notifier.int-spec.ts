import { loadProjectorConfig } from '@app/config';
import { createRedisClient, generationKey, JsonLogger, recentWriteKey } from '@app/platform';
import { deleteKeysUnder, testStack, uniqueName } from '@app/testing';
import { Client } from '@elastic/elasticsearch';
import Redis from 'ioredis';
import { setTimeout as sleep } from 'node:timers/promises';
import { ProjectorMetrics } from '../metrics/projector.metrics';
import { GenerationNotifier, MARKER_RENEW_MS } from './generation.notifier';

async function until(probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`not true within ${timeoutMs} ms`);
    await sleep(50);
  }
}

describe(GenerationNotifier.name, () => {
  const es = new Client({ node: testStack.elasticsearchUrl });
  const redis = new Redis(testStack.redisUrl);
  const prefix = `${uniqueName('notifier')}:`;
  const config = loadProjectorConfig({
    ...process.env,
    REDIS_URL: testStack.redisUrl,
    REDIS_KEY_PREFIX: prefix,
  });
  // Refreshes off: a write there is never observed searchable, so its field waits and is renewed.
  const index = uniqueName('notifier-unrefreshed');
  let client: Redis;
  let metrics: ProjectorMetrics;
  let sut: GenerationNotifier;
  let domain = '';
  const generation = async () => redis.get(generationKey(prefix, domain));
  const field = async () => {
    const fields = Object.values(await redis.hgetall(recentWriteKey(prefix, domain)));
    return fields[0] ?? null;
  };
  const deadlineOf = (value: string | null) => Number(value?.split(':')[1]);
  const failures = async () => (await metrics.generationBumpFailures.get()).values[0]?.value ?? 0;

  beforeAll(async () => {
    await es.indices.create({
      index,
      settings: { number_of_shards: 1, number_of_replicas: 0, refresh_interval: '-1' },
    });
  });
  beforeEach(async () => {
    domain = uniqueName('domain');
    client = createRedisClient(config.redis);
    metrics = new ProjectorMetrics();
    sut = new GenerationNotifier(
      client,
      config,
      new JsonLogger('error', 'notifier-test'),
      metrics,
      es,
    );
    await until(() => Promise.resolve(client.status === 'ready'), 5_000);
  });
  afterEach(async () => {
    await sut.beforeApplicationShutdown();
    client.disconnect();
  });
  afterAll(async () => {
    await es.indices.delete({ index }, { ignore: [404] });
    await deleteKeysUnder(redis, prefix);
    await es.close();
    redis.disconnect();
  });

  it(
    'should renew a waiting field without bumping, and bump again once Redis lost it',
    async () => {
      sut.bump([domain], index);
      await until(async () => (await field()) !== null, 5_000);
      expect(await generation()).toBe('1');

      // The periodic renewal: the deadline moves, the answers cached under the generation stay valid.
      const first = deadlineOf(await field());
      await until(async () => deadlineOf(await field()) > first, MARKER_RENEW_MS + 5_000);
      expect(await generation()).toBe('1');

      // A reconnect renews too, and Redis kept everything: still no bump.
      const renewed = deadlineOf(await field());
      client.disconnect(true);
      await until(async () => deadlineOf(await field()) > renewed, 5_000);
      expect(await generation()).toBe('1');

      // What a restart without persistence leaves: field and counter gone. The renewal must bump again.
      await redis.del(generationKey(prefix, domain), recentWriteKey(prefix, domain));
      client.disconnect(true);
      await until(async () => (await field()) !== null, 5_000);
      expect(await generation()).toBe('1');
      expect(await failures()).toBe(0);
    },
    MARKER_RENEW_MS + 30_000,
  );

  it('should deliver its marks and clears at once after Redis lost its scripts', async () => {
    // A target that does not exist holds nothing unsearchable: its writes are observed at once.
    const target = uniqueName('notifier-no-index');
    const settled = async (value: string) =>
      (await generation()) === value && (await field()) === null;
    sut.bump([domain], target);
    await until(() => settled('1'), 5_000);

    await redis.script('FLUSH');
    sut.bump([domain], target);
    await until(() => settled('2'), 5_000);
    // Delivered by the first attempt, not by the retry a second later (which would fail the same way).
    expect(await failures()).toBe(0);
  }, 30_000);
});
