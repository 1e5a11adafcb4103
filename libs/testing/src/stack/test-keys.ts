import type Redis from 'ioredis';

/** Deletes every key a test wrote under its own prefix in the shared Redis. */
export async function deleteKeysUnder(redis: Redis, prefix: string): Promise<void> {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
}
