import type { SharedConfig } from '@app/config';
import Redis from 'ioredis';
import type { ReadinessProbe } from '../health/readiness-probe';
import type { JsonLogger } from '../logging/json-logger';

/** While Redis stays down, its connection errors are logged at most this often. */
export const REDIS_ERROR_LOG_EVERY_MS = 30_000;

/**
 * Redis only ever speeds things up here, so a call must fail fast when it is down rather than queue
 * behind a reconnect: no offline queue, one attempt per command, reconnects in the background
 * (every 200 ms more per attempt, at most every 5 s). A command on a connection that stopped answering has no
 * deadline of its own: each caller bounds its wait (docs/operations.md, "Clients").
 */
export function createRedisClient(config: SharedConfig['redis'], logger?: JsonLogger): Redis {
  const redis = new Redis(config.url, {
    lazyConnect: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 1_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 5_000),
  });
  logConnectionErrors(redis, logger);
  return redis;
}

/*
 * Without an 'error' listener ioredis writes every failed reconnect to stderr as "[ioredis] Unhandled error event"
 * and a stack: not JSON, and one each retry. The readiness probe already reports Redis down; the log gets one
 * line when it goes, then one per period while it stays down.
 */
function logConnectionErrors(redis: Redis, logger: JsonLogger | undefined): void {
  let lastLoggedAt = Number.NEGATIVE_INFINITY;
  redis.on('ready', () => {
    lastLoggedAt = Number.NEGATIVE_INFINITY;
  });
  redis.on('error', (error: Error) => {
    const now = Date.now();
    if (logger === undefined || now - lastLoggedAt < REDIS_ERROR_LOG_EVERY_MS) return;
    lastLoggedAt = now;
    logger.event('warn', 'redis unavailable; reconnecting in the background', { error });
  });
}

export function redisProbe(redis: Redis): ReadinessProbe {
  return {
    name: 'redis',
    critical: false,
    check: async () => {
      await redis.ping();
    },
  };
}
