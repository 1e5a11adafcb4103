import { loadProjectorConfig, type ProjectorConfig } from '@app/config';
import { testStack, uniqueName } from '@app/testing';

/** Environment variables naming a fresh topic, group, alias and Redis prefix on the real stack. */
export function isolatedEnv(overrides: Record<string, string> = {}): Record<string, string> {
  const topic = uniqueName('projector-events');
  return {
    KAFKA_BROKERS: testStack.kafkaBrokers.join(','),
    KAFKA_CLIENT_ID: 'projector-test',
    EVENTS_TOPIC: topic,
    EVENTS_TOPIC_PARTITIONS: '3',
    ELASTICSEARCH_URL: testStack.elasticsearchUrl,
    JOB_TASKS_ALIAS: uniqueName('projector-tasks'),
    REDIS_URL: testStack.redisUrl,
    REDIS_KEY_PREFIX: `${uniqueName('projector')}:`,
    PROJECTOR_GROUP_ID: uniqueName('projector-group'),
    PROJECTOR_RETRY_MAX_MS: '2000',
    PROJECTOR_PORT: '3001',
    LOG_LEVEL: 'warn',
    READ_MODEL_SHARDS: String(testStack.readModel.shards),
    READ_MODEL_REPLICAS: String(testStack.readModel.replicas),
    ...overrides,
  };
}

export function isolatedConfig(overrides: Record<string, string> = {}): ProjectorConfig {
  return loadProjectorConfig(isolatedEnv(overrides));
}
