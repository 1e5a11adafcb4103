import { generationKey, recentWriteKey, WRITE_MARKER_TTL_MS } from '@app/platform';
import { deleteKeysUnder, testStack, uniqueName } from '@app/testing';
import Redis from 'ioredis';
import { MARK_KIND, MARK_WRITES } from './write-marker.scripts';

const INSTANCE = 'projector-a';

describe('MARK_WRITES against the real Redis', () => {
  const redis = new Redis(testStack.redisUrl);
  const prefix = `${uniqueName('mark-writes')}:`;
  let domain = '';
  const generation = async () => redis.get(generationKey(prefix, domain));
  const field = async () => redis.hget(recentWriteKey(prefix, domain), INSTANCE);
  const deadlineOf = (value: string | null) => Number(value?.split(':')[1]);
  const redisNow = async () => {
    const [seconds, micros] = await redis.time();
    return Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
  };
  const mark = async (seq: number, kind: (typeof MARK_KIND)[keyof typeof MARK_KIND]) =>
    redis.eval(
      MARK_WRITES,
      2,
      generationKey(prefix, domain),
      recentWriteKey(prefix, domain),
      INSTANCE,
      WRITE_MARKER_TTL_MS,
      seq,
      kind,
    );

  beforeEach(() => {
    domain = uniqueName('domain');
  });
  afterAll(async () => {
    await deleteKeysUnder(redis, prefix);
    redis.disconnect();
  });

  it('should bump and raise the field for new writes, each time', async () => {
    expect(await mark(3, MARK_KIND.write)).toBe(1);
    expect(await mark(3, MARK_KIND.write)).toBe(1);
    expect(await generation()).toBe('2');
    expect(await field()).toMatch(/^3:\d+$/);
  });

  it('should move a live field’s deadline on renewal without bumping', async () => {
    await mark(3, MARK_KIND.write);
    const before = deadlineOf(await field());
    await new Promise((resolve) => setTimeout(resolve, 20));

    expect(await mark(3, MARK_KIND.renewal)).toBe(0);
    expect(await generation()).toBe('1');
    expect(deadlineOf(await field())).toBeGreaterThan(before);
  });

  it('should bump on renewal when Redis lost the field and the counter', async () => {
    await mark(3, MARK_KIND.write);
    await redis.del(generationKey(prefix, domain), recentWriteKey(prefix, domain));

    expect(await mark(3, MARK_KIND.renewal)).toBe(1);
    expect(await generation()).toBe('1');
    expect(deadlineOf(await field())).toBeGreaterThan(await redisNow());
  });

  it('should bump on renewal when the field lapsed, since answers may have been stored meanwhile', async () => {
    await mark(3, MARK_KIND.write);
    await redis.hset(recentWriteKey(prefix, domain), INSTANCE, `3:${(await redisNow()) - 1}`);

    expect(await mark(3, MARK_KIND.renewal)).toBe(1);
    expect(await generation()).toBe('2');
    expect(deadlineOf(await field())).toBeGreaterThan(await redisNow());
  });

  it('should bump on renewal when the field holds older writes than the renewal', async () => {
    await mark(3, MARK_KIND.write);

    expect(await mark(4, MARK_KIND.renewal)).toBe(1);
    expect(await generation()).toBe('2');
    expect(await field()).toMatch(/^4:\d+$/);
  });

  it('should bump on renewal beside another instance’s live field when its own is gone', async () => {
    await redis.hset(
      recentWriteKey(prefix, domain),
      'projector-b',
      `9:${(await redisNow()) + 60_000}`,
    );

    expect(await mark(3, MARK_KIND.renewal)).toBe(1);
    expect(await generation()).toBe('1');
  });
});
