import type { ProjectorConfig } from '@app/config';
import {
  JsonLogger,
  createElasticsearchClient,
  createKafka,
  createRedisClient,
} from '@app/platform';
import { JobTasksIndexManager } from '../src/elasticsearch/job-tasks-index.manager';
import { JOB_TASKS_MAPPINGS } from '@app/platform';
import { KafkaTopicsAdmin } from '../src/kafka/kafka-topics.admin';
import { StartupLock } from '../src/redis/startup.lock';
import { isolatedConfig } from './support/projector-test.config';
import { StackClients } from './support/stack.clients';

const logger = new JsonLogger('error', 'index-setup-test');

/** A starter as a separate projector process would have it: its own clients, sharing nothing in memory. */
function starter(config: ProjectorConfig) {
  const es = createElasticsearchClient(config.elasticsearch);
  const redis = createRedisClient(config.redis);
  const manager = new JobTasksIndexManager(es, config, new StartupLock(redis, config), logger);
  return {
    manager,
    close: async () => {
      redis.disconnect();
      await es.close();
    },
  };
}

async function raceStarters(config: ProjectorConfig, count: number): Promise<string[]> {
  const starters = Array.from({ length: count }, () => starter(config));
  try {
    return await Promise.all(starters.map((s) => s.manager.ensureReadModel()));
  } finally {
    await Promise.all(starters.map((s) => s.close()));
  }
}

describe('index and topic set-up racing at start-up (real Elasticsearch, Redis, Kafka)', () => {
  const cleanups: StackClients[] = [];
  afterAll(async () => {
    await Promise.all(cleanups.map((c) => c.cleanUp()));
  });

  function isolated(overrides: Record<string, string> = {}): {
    config: ProjectorConfig;
    stack: StackClients;
  } {
    const config = isolatedConfig(overrides);
    const stack = new StackClients(config);
    cleanups.push(stack);
    return { config, stack };
  }

  it('should leave one index and one alias when three starters race', async () => {
    const { config, stack } = isolated();

    const results = await raceStarters(config, 3);

    const index = `${config.elasticsearch.alias}-v1`;
    expect(results).toEqual([index, index, index]);
    const indices = await stack.es.indices.get({ index: `${config.elasticsearch.alias}*` });
    expect(Object.keys(indices)).toEqual([index]);
    expect(indices[index]?.aliases).toEqual({ [config.elasticsearch.alias]: {} });
    expect(indices[index]?.mappings).toEqual(JOB_TASKS_MAPPINGS);
    expect(indices[index]?.settings?.index).toMatchObject({
      number_of_shards: String(config.elasticsearch.readModel.shards),
      number_of_replicas: String(config.elasticsearch.readModel.replicas),
      max_inner_result_window: '10000',
      refresh_interval: '1s',
    });
  });

  it('should converge the same way when Redis is unreachable', async () => {
    const { config, stack } = isolated({ REDIS_URL: 'redis://127.0.0.1:1' });

    const results = await raceStarters(config, 3);

    expect(new Set(results)).toEqual(new Set([`${config.elasticsearch.alias}-v1`]));
    const aliases = await stack.es.indices.getAlias({ name: config.elasticsearch.alias });
    expect(Object.keys(aliases)).toEqual([`${config.elasticsearch.alias}-v1`]);
  });

  it('should reuse the existing alias on a later start instead of creating anything', async () => {
    const { config, stack } = isolated();
    await raceStarters(config, 1);

    await expect(raceStarters(config, 2)).resolves.toEqual([
      `${config.elasticsearch.alias}-v1`,
      `${config.elasticsearch.alias}-v1`,
    ]);
    expect(
      Object.keys(await stack.es.indices.get({ index: `${config.elasticsearch.alias}*` })),
    ).toHaveLength(1);
  });

  it('should create the events and dead-letter topics once, whoever gets there first', async () => {
    const { config, stack } = isolated({ EVENTS_TOPIC_PARTITIONS: '4' });
    const admins = Array.from(
      { length: 3 },
      () => new KafkaTopicsAdmin(createKafka(config.kafka, logger), config, logger),
    );

    await Promise.all(admins.map((a) => a.ensureTopics()));

    const admin = await stack.kafkaAdmin();
    const metadata = await admin.fetchTopicMetadata({
      topics: [config.kafka.topic, config.kafka.dlqTopic],
    });
    expect(metadata.topics.map((t) => [t.name, t.partitions.length]).sort()).toEqual([
      [config.kafka.topic, 4],
      [config.kafka.dlqTopic, 4],
    ]);
  });
});
