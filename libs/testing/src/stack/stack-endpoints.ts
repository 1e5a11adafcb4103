import { loadProjectorConfig } from '@app/config';

const esMajor = process.env.STACK_ES_VERSION?.split('.')[0] ?? '8';

/** Where the tests find the real servers; the same variables the apps and scripts/stack.sh read. */
export const testStack = {
  kafkaBrokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
  elasticsearchUrl: process.env.ELASTICSEARCH_URL ?? 'http://127.0.0.1:9200',
  redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  /** Shards and replicas of the indices tests create: READ_MODEL_SHARDS=3 runs a suite on 3 shards. */
  readModel: loadProjectorConfig({
    READ_MODEL_SHARDS: process.env.READ_MODEL_SHARDS,
    READ_MODEL_REPLICAS: process.env.READ_MODEL_REPLICAS,
  }).elasticsearch.readModel,
  /** The Elasticsearch major the launcher runs (STACK_ES_VERSION: 8, 9 or a full version). */
  esMajor,
  /** The launcher's STACK_HOME, with its per-major default. */
  home: process.env.STACK_HOME ?? `/var/tmp/jobtask-stack${esMajor === '8' ? '' : `-es${esMajor}`}`,
} as const;
