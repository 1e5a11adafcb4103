import { freePort, tsEntryArgs } from '@app/testing';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { JsonLogger } from '../logging/json-logger';
import { createRedisClient } from './redis-client';

const ROOT = join(__dirname, '../../../..');

/* A Redis that is down: a port of our own where nothing listens, never the shared server stopped. */
describe(`${createRedisClient.name} while Redis is down`, () => {
  it('should write nothing to stderr while it reconnects (ioredis writes a stack per retry without a listener)', async () => {
    const script = `
      const { createRedisClient } = require('./libs/platform/src/clients/redis-client.ts');
      const redis = createRedisClient({ url: 'redis://127.0.0.1:${await freePort()}', keyPrefix: 'clients-test:' });
      setTimeout(() => redis.disconnect(), 1500);`;

    const child = spawnSync(process.execPath, tsEntryArgs('-e', script), {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });

    expect({ status: child.status, stderr: child.stderr }).toEqual({ status: 0, stderr: '' });
  });

  it('should log one JSON warning for several failed reconnects when given a logger', async () => {
    const lines: string[] = [];
    const redis = createRedisClient(
      { url: `redis://127.0.0.1:${await freePort()}`, keyPrefix: 'clients-test:' },
      new JsonLogger('warn', 'clients-test', (line) => lines.push(line)),
    );
    try {
      // Reconnects come 200 ms, 400 ms, 600 ms… apart: several fail within this.
      await sleep(1_500);
    } finally {
      redis.disconnect();
    }

    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual([
      expect.objectContaining({
        level: 'warn',
        msg: 'redis unavailable; reconnecting in the background',
        error: expect.objectContaining({ code: 'ECONNREFUSED' }) as unknown,
      }),
    ]);
  });
});
