import { spawnSync } from 'node:child_process';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import { testStack, uniqueName, tsEntryArgs } from '@app/testing';

/** The API as operators start it (`npm run api`), with only the given environment. */
function runApi(env: Record<string, string>) {
  return spawnSync(process.execPath, tsEntryArgs('apps/api/src/main.ts'), {
    cwd: join(__dirname, '../../..'),
    encoding: 'utf8',
    timeout: 90_000,
    env: {
      PATH: process.env.PATH ?? '',
      ELASTICSEARCH_URL: testStack.elasticsearchUrl,
      REDIS_URL: testStack.redisUrl,
      JOB_TASKS_ALIAS: uniqueName('api-startup'),
      LOG_LEVEL: 'error',
      ...env,
    },
  });
}

describe('API start-up on a port in use', () => {
  let taken: Server;
  let port: number;

  beforeAll(async () => {
    taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '0.0.0.0', resolve));
    port = (taken.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => taken.close(resolve));
  });

  it.each([
    ['API_PORT', 'API_GRPC_PORT'],
    ['API_GRPC_PORT', 'API_PORT'],
  ])('should exit 1 naming %s and the port, without a stack trace', (variable, other) => {
    const child = runApi({ [variable]: String(port), [other]: String(port + 1) });

    expect(child.status).toBe(1);
    expect(child.stderr).toContain(
      `${variable}: cannot listen on port ${port}: the port is already in use by another process`,
    );
    expect(child.stderr).not.toMatch(/^\s+at /m);
  });
});
