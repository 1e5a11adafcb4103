import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import {
  createServer as createHttpServer,
  request as httpRequest,
  type Server as HttpServer,
} from 'node:http';
import { Client } from '@elastic/elasticsearch';
import { deleteKeysUnder, testStack } from '@app/testing';
import Redis from 'ioredis';
import { type RunningApi, startApi } from './api-test-app';
import { aJobTask, dropJobTasks, seedJobTasks, overwriteJobTask } from './seed-index';

const LIST = '/power_scheduler/v1/job-tasks/search';

/**
 * A TCP proxy in front of the shared Redis that the test can freeze (connections stay open, nothing
 * flows: a Redis stuck in a fork or behind a dead link) or cut (every connection reset: a restart),
 * without touching the Redis everybody else uses.
 */
class RedisProxy {
  private readonly pairs = new Set<[Socket, Socket]>();
  private frozen = false;
  private server!: Server;

  async start(): Promise<string> {
    const target = new URL(testStack.redisUrl);
    this.server = createServer((client) => {
      const upstream = connect(Number(target.port || 6379), target.hostname);
      const pair: [Socket, Socket] = [client, upstream];
      this.pairs.add(pair);
      const relay = (from: Socket, to: Socket) =>
        from.on('data', (chunk: Buffer) => {
          if (!this.frozen) to.write(chunk);
        });
      relay(client, upstream);
      relay(upstream, client);
      const close = () => {
        this.pairs.delete(pair);
        client.destroy();
        upstream.destroy();
      };
      client.on('error', close).on('close', close);
      upstream.on('error', close).on('close', close);
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `redis://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  freeze(): void {
    this.frozen = true;
  }

  thaw(): void {
    this.frozen = false;
  }

  cutAll(): void {
    for (const [client, upstream] of this.pairs) {
      client.resetAndDestroy();
      upstream.destroy();
    }
  }

  async stop(): Promise<void> {
    this.cutAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

async function timedList(api: RunningApi): Promise<{ ms: number; total: unknown }> {
  const started = Date.now();
  const res = await fetch(`${api.url}${LIST}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ domain_id: 'd1', query: { only: ['job_task_id'] } }),
    signal: AbortSignal.timeout(8_000),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { total_count: unknown };
  return { ms: Date.now() - started, total: body.total_count };
}

describe('answer cache when Redis stalls or restarts', () => {
  const proxy = new RedisProxy();
  const redis = new Redis(testStack.redisUrl);
  let api: RunningApi;
  const answerKeys = async () => redis.keys(`${api.config.redis.keyPrefix}answer:*`);
  const cachedAgainWithin = async (ms: number): Promise<boolean> => {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      await timedList(api);
      if ((await answerKeys()).length > 0) return true;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return false;
  };

  beforeAll(async () => {
    api = await startApi({ REDIS_URL: await proxy.start() });
    await seedJobTasks(api.config.elasticsearch.alias, [
      aJobTask({ domain_id: 'd1', job_task_id: 't1' }),
    ]);
  });
  afterAll(async () => {
    await api.close();
    await proxy.stop();
    await dropJobTasks(api.config.elasticsearch.alias);
    await redis.del(`${api.config.redis.keyPrefix}dummy`, ...(await answerKeys()));
    redis.disconnect();
  });

  it('should answer from Elasticsearch within a second while Redis does not reply, then cache again', async () => {
    await expect(timedList(api)).resolves.toMatchObject({ total: 1 });
    expect(await answerKeys()).toHaveLength(1);
    await redis.del(...(await answerKeys()));

    proxy.freeze();
    const stalled = await timedList(api);
    expect(stalled.total).toBe(1);
    // A cache exists to make answers faster: waiting on a silent Redis must cost little.
    expect(stalled.ms).toBeLessThan(2_000);
    // Long enough for the client to reconnect into the same silence and lose its handshake too.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await expect(timedList(api)).resolves.toMatchObject({ total: 1 });
    proxy.thaw();

    // The connection the stall left behind must not keep the cache off for good.
    await expect(cachedAgainWithin(10_000)).resolves.toBe(true);
  }, 40_000);

  it('should reconnect by itself after Redis dropped every connection', async () => {
    await redis.del(`${api.config.redis.keyPrefix}dummy`, ...(await answerKeys()));
    proxy.cutAll();
    await expect(timedList(api)).resolves.toMatchObject({ total: 1 });
    await expect(cachedAgainWithin(10_000)).resolves.toBe(true);
  }, 40_000);
});

/** An HTTP relay to Elasticsearch that holds search answers while closed, to act between a lookup and its store. */
class SearchGate {
  private server!: HttpServer;
  private open = true;
  private held: (() => void)[] = [];
  private arrived: (() => void) | undefined;

  async start(): Promise<string> {
    const target = new URL(testStack.elasticsearchUrl);
    this.server = createHttpServer((req, res) => {
      // The search itself runs at once; only its answer waits, so it reflects the data from before.
      const hold = !this.open && (req.url ?? '').includes('_search');
      const upstream = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
        },
        (answer) => {
          const deliver = () => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          };
          if (!hold) return deliver();
          this.held.push(deliver);
          this.arrived?.();
        },
      );
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Closes the gate; resolves once a search answer is waiting behind it. */
  close(): Promise<void> {
    this.open = false;
    return new Promise((resolve) => (this.arrived = resolve));
  }

  release(): void {
    this.open = true;
    for (const forward of this.held.splice(0)) forward();
  }

  stop(): Promise<void> {
    this.release();
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe('answer cache across a Redis restart during a search', () => {
  const gate = new SearchGate();
  const redis = new Redis(testStack.redisUrl);
  const es = new Client({ node: testStack.elasticsearchUrl });
  let api: RunningApi;
  const generation = () => `${api.config.redis.keyPrefix}generation:d1`;
  const statuses = async () => {
    const res = await fetch(`${api.url}${LIST}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ domain_id: 'd1', query: { only: ['status'] } }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { results: { status: string }[] }).results;
  };

  beforeAll(async () => {
    api = await startApi({ ELASTICSEARCH_URL: await gate.start() });
    await seedJobTasks(api.config.elasticsearch.alias, [
      aJobTask({ domain_id: 'd1', job_task_id: 't1', status: 'PENDING' }),
    ]);
  });
  afterAll(async () => {
    await api.close();
    await gate.stop();
    await dropJobTasks(api.config.elasticsearch.alias);
    await deleteKeysUnder(redis, api.config.redis.keyPrefix);
    await es.close();
    redis.disconnect();
  });

  it('should not store an answer under a generation that moved while it was computed', async () => {
    await redis.set(generation(), '3');
    const held = gate.close();
    const before = statuses();
    await held;

    // What a restart without persistence leaves: the counter is gone, and the projector's next
    // bumps count it up from zero again, through the number the search above was keyed by.
    await redis.del(generation());
    await overwriteJobTask(
      es,
      api.config.elasticsearch.alias,
      aJobTask({ domain_id: 'd1', job_task_id: 't1', status: 'SUCCESS' }),
    );
    gate.release();
    await expect(before).resolves.toEqual([{ status: 'PENDING' }]);

    for (let i = 0; i < 3; i += 1) await redis.incr(generation());
    await expect(statuses()).resolves.toEqual([{ status: 'SUCCESS' }]);
  });
});
