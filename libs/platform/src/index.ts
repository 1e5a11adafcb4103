export * from './clients/elasticsearch-client';
export * from './clients/kafka-client';
export * from './clients/redis-client';
export * from './health/health.controller';
export * from './health/readiness-probe';
export * from './logging/json-logger';
export * from './read-model/cache-coherence';
export * from './read-model/job-tasks.mapping';
