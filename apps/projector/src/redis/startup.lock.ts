import type { ProjectorConfig } from '@app/config';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { PROJECTOR_CONFIG, REDIS_CLIENT } from '../projector.tokens';
import { REDIS_DEADLINE_MS } from '../projector.settings';
import { untilReady, withDeadline } from './redis-deadline';

export interface LockLease {
  release(): Promise<void>;
}

export type LockAttempt =
  | { state: 'acquired'; lease: LockLease }
  | { state: 'held' }
  /** Redis did not answer: callers fall back to idempotent operations instead of waiting for it. */
  | { state: 'unavailable'; error: unknown };

// Deletes the key only if it still holds our token, so an expired lease never releases a newer holder's lock.
const RELEASE_IF_OWNER = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/** A best-effort mutual exclusion for start-up work (SET NX PX with a random token). */
@Injectable()
export class StartupLock {
  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(PROJECTOR_CONFIG) private readonly config: ProjectorConfig,
  ) {}

  async tryAcquire(name: string, ttlMs: number): Promise<LockAttempt> {
    const key = `${this.config.redis.keyPrefix}lock:${name}`;
    const token = randomUUID();
    try {
      await untilReady(this.redis, REDIS_DEADLINE_MS);
      const set = await withDeadline(
        this.redis.set(key, token, 'PX', ttlMs, 'NX'),
        REDIS_DEADLINE_MS,
        'SET NX',
      );
      if (set !== 'OK') return { state: 'held' };
    } catch (error) {
      return { state: 'unavailable', error };
    }
    return {
      state: 'acquired',
      lease: {
        release: async () => {
          // A lease that cannot be released expires by its TTL; start-up must not fail over it.
          await withDeadline(
            this.redis.eval(RELEASE_IF_OWNER, 1, key, token),
            REDIS_DEADLINE_MS,
            'release lock',
          ).catch(() => undefined);
        },
      },
    };
  }
}
