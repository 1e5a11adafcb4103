import type Redis from 'ioredis';

export class RedisDeadlineError extends Error {
  readonly code = 'REDIS.DEADLINE';

  constructor(what: string, ms: number) {
    super(`redis ${what} gave no answer within ${ms} ms`);
    this.name = 'RedisDeadlineError';
  }
}

/** Races `work` against a timer; the work is not cancelled, only no longer waited for. */
export async function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RedisDeadlineError(what, ms)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** The client fails commands at once while disconnected (no offline queue), so a fresh one must connect first. */
export async function untilReady(redis: Redis, ms: number): Promise<void> {
  if (redis.status === 'ready') return;
  const ready = new Promise<void>((resolve) => redis.once('ready', () => resolve()));
  await withDeadline(ready, ms, 'connect');
}
