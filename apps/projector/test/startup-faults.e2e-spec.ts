import { spawnSync } from 'node:child_process';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadProjectorConfig } from '@app/config';
import { testStack, tsEntryArgs } from '@app/testing';
import { TcpProxy } from '@app/testing/net/tcp-proxy';
import { isolatedEnv } from './support/projector-test.config';
import { ProjectorProcess, type ReadyReport } from './support/projector.process';
import { StackClients } from './support/stack.clients';

/** Polls /ready until `done` holds, and returns the last answer either way. */
async function readyUntil(
  projector: ProjectorProcess,
  done: (report: ReadyReport) => boolean,
  timeoutMs: number,
): Promise<ReadyReport> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const report = await projector.ready();
    if (done(report) || Date.now() > deadline) return report;
    await sleep(250);
  }
}

/** Lines of the process's output that are not one JSON object each. */
function notJson(projector: ProjectorProcess): string[] {
  return projector.output
    .join('')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .filter((line) => {
      try {
        return typeof JSON.parse(line) !== 'object';
      } catch {
        return true;
      }
    });
}

/*
 * The projector as operators start it, with a dependency down or silent behind a proxy of the test's own: the
 * shared servers keep running for everybody else.
 */
describe('projector start-up while a dependency is down', () => {
  const started: ProjectorProcess[] = [];
  const proxies: TcpProxy[] = [];
  const envs: Record<string, string>[] = [];

  async function startProjector(overrides: Record<string, string>): Promise<ProjectorProcess> {
    // The stack's own endpoints are kept for the clean-up; the projector gets the proxies.
    const env = isolatedEnv({ LOG_LEVEL: 'info' });
    envs.push(env);
    const projector = await ProjectorProcess.start('startup', { ...env, ...overrides });
    started.push(projector);
    return projector;
  }

  async function proxyTo(target: string): Promise<TcpProxy> {
    const proxy = await TcpProxy.create(target);
    proxies.push(proxy);
    return proxy;
  }

  afterEach(async () => {
    await Promise.all(started.splice(0).map((p) => p.stop()));
    await Promise.all(proxies.splice(0).map((p) => p.down()));
  });
  afterAll(async () => {
    for (const env of envs) await new StackClients(loadProjectorConfig(env)).cleanUp();
  });

  it('should wait for Elasticsearch, answering /health, and become ready once it is up', async () => {
    const es = await proxyTo(testStack.elasticsearchUrl);
    const projector = await startProjector({
      ELASTICSEARCH_URL: es.url(testStack.elasticsearchUrl),
    });

    const waiting = await readyUntil(projector, (r) => r.status === 503, 60_000);
    expect(waiting.status).toBe(503);
    expect(waiting.body.failing).toEqual(expect.arrayContaining(['elasticsearch']));
    expect((await fetch(`http://127.0.0.1:${projector.port}/health`)).status).toBe(200);

    await es.up();
    await projector.waitUntilReady(60_000);
    expect(notJson(projector)).toEqual([]);
  });

  it('should wait for Kafka and become ready once it is up', async () => {
    const kafka = await proxyTo(testStack.kafkaBrokers[0] ?? '127.0.0.1:9092');
    const projector = await startProjector({ KAFKA_BROKERS: kafka.address });

    const waiting = await readyUntil(projector, (r) => r.status === 503, 60_000);
    expect(waiting.body.failing).toEqual(['kafka']);
    expect(waiting.body.checks?.kafka?.error).toBe('starting: creating topics');

    await kafka.up();
    await projector.waitUntilReady(60_000);
  });

  it('should become ready without Redis, writing only JSON lines while it is down', async () => {
    const redis = await proxyTo(testStack.redisUrl);
    const projector = await startProjector({ REDIS_URL: redis.url(testStack.redisUrl) });

    await projector.waitUntilReady(60_000);
    const report = await projector.ready();
    expect(report.body.checks?.redis?.ok).toBe(false);
    // ioredis retries every few seconds; each retry without an error listener was a stack on stderr.
    await sleep(3_000);
    expect(notJson(projector)).toEqual([]);
  });

  it('should exit promptly on SIGTERM while a start-up step waits on a broker that does not answer', async () => {
    const kafka = await proxyTo(testStack.kafkaBrokers[0] ?? '127.0.0.1:9092');
    await kafka.up({ silent: true });
    const projector = await startProjector({ KAFKA_BROKERS: kafka.address });
    const waiting = await readyUntil(projector, (r) => r.status === 503, 60_000);
    expect(waiting.body.checks?.kafka?.error).toBe('starting: creating topics');

    const signalledAt = Date.now();
    projector.kill('SIGTERM');
    const exit = await Promise.race([projector.exited, sleep(10_000, 'still running')]);

    expect(exit).toBe('SIGTERM');
    expect(Date.now() - signalledAt).toBeLessThan(5_000);
  });
});

describe('projector start-up on a port in use', () => {
  let taken: Server;

  beforeAll(async () => {
    taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '0.0.0.0', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => taken.close(resolve));
  });

  it('should exit 1 naming PROJECTOR_PORT and the port, without a stack trace', () => {
    const port = (taken.address() as AddressInfo).port;
    const child = spawnSync(process.execPath, tsEntryArgs('apps/projector/src/main.ts'), {
      cwd: join(__dirname, '../../..'),
      encoding: 'utf8',
      timeout: 90_000,
      env: {
        PATH: process.env.PATH ?? '',
        ...isolatedEnv({ PROJECTOR_PORT: String(port), LOG_LEVEL: 'error' }),
      },
    });

    expect(child.status).toBe(1);
    expect(child.stderr).toContain(
      `PROJECTOR_PORT: cannot listen on port ${port}: the port is already in use by another process`,
    );
    expect(child.stderr).not.toMatch(/^\s+at /m);
  });
});
