import type { SharedConfig } from '@app/config';
import Redis from 'ioredis';
import type { ReadinessProbe } from '../health/readiness-probe';

/**
 * Redis only ever speeds things up here, so a call must fail fast when it is down rather than queue
 * behind a reconnect: no offline queue, one attempt per command, reconnects in the background.
 */
export function createRedisClient(config: SharedConfig['redis']): Redis {
  return new Redis(config.url, {
    lazyConnect: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 1_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 5_000),
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
