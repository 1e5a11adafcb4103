import { z } from 'zod';
import { apiKeys } from './api-keys';
import { ConfigError } from './config-error';
import { contradictions } from './contradictions';
import {
  aliasName,
  bool,
  boundedInt,
  brokerList,
  durationMs,
  logLevel,
  nonEmpty,
  optionalTopicName,
  port,
  positiveInt,
  topicName,
  url,
} from './env-parsers';
import { projectorWindow, projectorWindowEnv } from './projector-window.config';

const DEFAULT_TOPIC = 'power_scheduler.job_task.events';

const kafkaEnv = z.object({
  KAFKA_BROKERS: brokerList('127.0.0.1:9092'),
  KAFKA_CLIENT_ID: nonEmpty('jobtask-read-model'),
  EVENTS_TOPIC: topicName(DEFAULT_TOPIC),
  DLQ_TOPIC: optionalTopicName(),
  EVENTS_TOPIC_PARTITIONS: positiveInt(3),
});

const elasticsearchEnv = z.object({
  ELASTICSEARCH_URL: url('http://127.0.0.1:9200', ['http', 'https']),
  JOB_TASKS_ALIAS: aliasName('job-tasks'),
  ELASTICSEARCH_REQUEST_TIMEOUT_MS: durationMs(10_000),
  // Used when the projector creates a read-model index (docs/cluster.md). One shard keeps every
  // answer a single-shard computation and is the cheapest; replicas need a cluster (0 on one node).
  READ_MODEL_SHARDS: boundedInt(1, 1024, 1),
  READ_MODEL_REPLICAS: boundedInt(0, 8, 0),
});

const redisEnv = z.object({
  REDIS_URL: url('redis://127.0.0.1:6379', ['redis', 'rediss']),
  REDIS_KEY_PREFIX: nonEmpty('jobtask:'),
});

const commonEnv = z.object({ LOG_LEVEL: logLevel });

const projectorEnv = z.object({
  PROJECTOR_PORT: port(3001),
  PROJECTOR_GROUP_ID: nonEmpty('jobtask-projector'),
  MAX_EVENT_BYTES: positiveInt(1_048_576),
  PROJECTOR_MAX_BATCH_EVENTS: positiveInt(5_000),
  PROJECTOR_RETRY_MAX_MS: durationMs(30_000),
  /*
   * V8 grows the old generation to a multiple of what survived the last full collection; under the projector's
   * allocation rate it picks ~3×, most of it garbage. 50 caps that at 1.5× (docs/projector.md, "Memory");
   * 0 leaves V8's own choice.
   */
  PROJECTOR_HEAP_GROWING_PERCENT: boundedInt(0, 300, 50),
});

const apiEnv = z.object({
  API_PORT: port(3000),
  API_GRPC_PORT: port(50051),
  API_KEYS: apiKeys,
  MAX_PAGE_LIMIT: positiveInt(1_000),
  MAX_UNPAGED_RESULTS: positiveInt(10_000),
  MAX_STAT_GROUPS: positiveInt(10_000),
  MAX_BODY_BYTES: positiveInt(1_048_576),
  CACHE_ENABLED: bool(true),
  CACHE_TTL_SECONDS: positiveInt(300),
});

const sharedEnv = z.object({
  ...commonEnv.shape,
  ...kafkaEnv.shape,
  ...elasticsearchEnv.shape,
  ...redisEnv.shape,
});

const projectorSchema = z.object({
  ...sharedEnv.shape,
  ...projectorEnv.shape,
  ...projectorWindowEnv.shape,
});
const apiSchema = z.object({ ...sharedEnv.shape, ...apiEnv.shape });

/** Every variable each app reads (the projector's also serve `projector rebuild` and `npm run dlq`). */
export const PROJECTOR_VARIABLES: readonly string[] = Object.keys(projectorSchema.shape);
export const API_VARIABLES: readonly string[] = Object.keys(apiSchema.shape);

// Empty assignments in an env file (`DLQ_TOPIC=`) mean "use the default", not "the empty string".
function withoutEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''),
  );
}

function parse<T extends z.ZodObject>(schema: T, env: NodeJS.ProcessEnv): z.output<T> {
  const input = withoutEmpty(env);
  const result = schema.safeParse(input);
  if (!result.success) throw ConfigError.fromZod(result.error, input);
  const refused = contradictions(result.data);
  if (refused.length > 0) throw ConfigError.fromProblems(refused, input);
  return result.data;
}

function shared(e: z.output<typeof sharedEnv>) {
  return {
    logLevel: e.LOG_LEVEL,
    kafka: {
      brokers: e.KAFKA_BROKERS,
      clientId: e.KAFKA_CLIENT_ID,
      topic: e.EVENTS_TOPIC,
      dlqTopic: e.DLQ_TOPIC ?? `${e.EVENTS_TOPIC}.dlq`,
      topicPartitions: e.EVENTS_TOPIC_PARTITIONS,
    },
    elasticsearch: {
      url: e.ELASTICSEARCH_URL,
      alias: e.JOB_TASKS_ALIAS,
      requestTimeoutMs: e.ELASTICSEARCH_REQUEST_TIMEOUT_MS,
      readModel: { shards: e.READ_MODEL_SHARDS, replicas: e.READ_MODEL_REPLICAS },
    },
    redis: { url: e.REDIS_URL, keyPrefix: e.REDIS_KEY_PREFIX },
  };
}

export type SharedConfig = ReturnType<typeof shared>;

export function loadProjectorConfig(env: NodeJS.ProcessEnv = process.env) {
  const e = parse(projectorSchema, env);
  return {
    ...shared(e),
    projector: {
      port: e.PROJECTOR_PORT,
      groupId: e.PROJECTOR_GROUP_ID,
      maxEventBytes: e.MAX_EVENT_BYTES,
      maxBatchEvents: e.PROJECTOR_MAX_BATCH_EVENTS,
      retryMaxMs: e.PROJECTOR_RETRY_MAX_MS,
      heapGrowingPercent: e.PROJECTOR_HEAP_GROWING_PERCENT,
    },
    window: projectorWindow(e),
  };
}
export type ProjectorConfig = ReturnType<typeof loadProjectorConfig>;

export function loadApiConfig(env: NodeJS.ProcessEnv = process.env) {
  const e = parse(apiSchema, env);
  return {
    ...shared(e),
    api: {
      port: e.API_PORT,
      grpcPort: e.API_GRPC_PORT,
      apiKeys: e.API_KEYS,
      maxBodyBytes: e.MAX_BODY_BYTES,
      limits: {
        maxLimit: e.MAX_PAGE_LIMIT,
        maxUnpagedResults: e.MAX_UNPAGED_RESULTS,
        maxGroups: e.MAX_STAT_GROUPS,
      },
      cache: { enabled: e.CACHE_ENABLED, ttlSeconds: e.CACHE_TTL_SECONDS },
    },
  };
}
export type ApiConfig = ReturnType<typeof loadApiConfig>;
