import { MARKER_UP_LUA } from '@app/platform';
import type Redis from 'ioredis';

/**
 * The domain's generation ('' for none) and whether a write marker is up, in one round trip. The marker
 * is a hash whose fields expire by their own deadlines, which only a script can read (MARKER_UP_LUA).
 * KEYS: generation, marker.
 */
export const READ_SLOT = `${MARKER_UP_LUA}
return { redis.call('GET', KEYS[1]) or '', marker_up(KEYS[2]) and 1 or 0 }`;

/**
 * Stores an answer only if the domain's generation is still the one its key was made from and no
 * write marker is up. A counter can come back to an old value (a Redis restart loses it and the
 * projector counts up from zero again), so a request that read it before would otherwise store its
 * old answer under a number later requests will reach again, and be served it.
 * KEYS: generation, marker, answer. ARGV: the generation read ('' for none), answer, TTL in seconds.
 */
export const STORE_IF_GENERATION_UNCHANGED = `${MARKER_UP_LUA}
if (redis.call('GET', KEYS[1]) or '') ~= ARGV[1] or marker_up(KEYS[2]) then
  return 0
end
redis.call('SET', KEYS[3], ARGV[2], 'EX', ARGV[3])
return 1`;

/** The cache's scripts as commands of its Redis client (`defineCommand`). */
export interface AnswerCacheCommands {
  answerCacheReadSlot(generationKey: string, markerKey: string): Promise<unknown>;
  answerCacheStore(
    generationKey: string,
    markerKey: string,
    answerKey: string,
    generation: string,
    answer: string,
    ttlSeconds: number,
  ): Promise<unknown>;
}

/**
 * Defines the scripts on the client. Each call then goes as `EVALSHA` (40 bytes instead of the script,
 * and no hashing of its text by Redis): ioredis sends `EVAL` only the first time on each connection and,
 * should Redis have lost it (`SCRIPT FLUSH`, a restart behind a proxy), once more after `NOSCRIPT`,
 * inside the same call, so the caller's deadline still bounds the whole.
 */
export function withAnswerCacheCommands(redis: Redis): Redis & AnswerCacheCommands {
  redis.defineCommand('answerCacheReadSlot', { numberOfKeys: 2, lua: READ_SLOT });
  redis.defineCommand('answerCacheStore', {
    numberOfKeys: 3,
    lua: STORE_IF_GENERATION_UNCHANGED,
  });
  return redis as Redis & AnswerCacheCommands;
}
