import { loadProjectorConfig } from '@app/config';

/** Where the tests find the real servers; the same variables the apps read. */
export const testStack = {
  kafkaBrokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
  elasticsearchUrl: process.env.ELASTICSEARCH_URL ?? 'http://127.0.0.1:9200',
  redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  /** Shards and replicas of the indices tests create: READ_MODEL_SHARDS=3 runs a suite on 3 shards. */
  readModel: loadProjectorConfig({
    READ_MODEL_SHARDS: process.env.READ_MODEL_SHARDS,
    READ_MODEL_REPLICAS: process.env.READ_MODEL_REPLICAS,
  }).elasticsearch.readModel,
} as const;
