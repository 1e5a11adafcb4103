import { type ClientUnaryCall, Metadata, type ServiceError, status } from '@grpc/grpc-js';
import { testStack } from '@app/testing';
import { TcpProxy } from '@app/testing/net/tcp-proxy';
import Redis from 'ioredis';
import { type RunningGrpcApi, startApiWithGrpc } from './api-test-app';
import { grpcFailure, JobTaskGrpcClient, jobTaskServiceClient } from './grpc/job-task-grpc.client';
import { aJobTask, dropJobTasks, seedJobTasks } from './seed-index';

const DOMAIN = 'client-gone';
const SEARCH = '/power_scheduler/v1/job-tasks/search';
// Far beyond anything the test waits for: only an abort can end a hung search in time.
const ES_REQUEST_TIMEOUT_MS = 30_000;
const SOON_MS = 1_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `done` every 20 ms; whether it held within `timeoutMs`. */
async function until(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) return false;
    await sleep(20);
  }
  return true;
}

/** `api_request_duration_seconds_count` summed over the samples matching `labels`. */
function requestCount(exposition: string, labels: Record<string, string>): number {
  return exposition
    .split('\n')
    .filter((line) => line.startsWith('api_request_duration_seconds_count{'))
    .filter((line) => Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`)))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

function rejectedCount(exposition: string, code: string, transport: string): number {
  const line = exposition
    .split('\n')
    .find(
      (l) =>
        l.startsWith('api_requests_rejected_total{') &&
        l.includes(`code="${code}"`) &&
        l.includes(`transport="${transport}"`),
    );
  return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
}

/** A JobTask/list call the test can cancel (JobTaskGrpcClient only awaits its calls). */
function cancellableList(address: string, request: object) {
  const client = jobTaskServiceClient(address);
  let call!: ClientUnaryCall;
  const failure = new Promise<ServiceError>((resolve, reject) => {
    const list = (client as unknown as Record<string, (...args: unknown[]) => ClientUnaryCall>)
      .list!;
    call = list.call(client, request, new Metadata(), (error: ServiceError | null) =>
      error ? resolve(error) : reject(new Error('the call succeeded')),
    );
  });
  return { call, failure, close: () => client.close() };
}

/*
 * Elasticsearch is reached through a proxy that can hold its connections open without relaying
 * anything, so a search hangs the way it does on an overloaded cluster. When the caller gives up, the
 * API must give up too: close its connection to Elasticsearch within a second (not at its own request
 * timeout), record the request as abandoned (499, DEADLINE_EXCEEDED/CANCELLED, never 200 or OK), log no
 * error, cache nothing, and serve the next caller normally.
 */
describe('a caller who has gone', () => {
  let es: TcpProxy;
  let api: RunningGrpcApi;
  let grpc: JobTaskGrpcClient;
  const redis = new Redis(testStack.redisUrl);
  let errorLines: string[];
  let stdoutSpy: jest.SpyInstance;

  beforeAll(async () => {
    es = await TcpProxy.create(testStack.elasticsearchUrl);
    await es.up();
    api = await startApiWithGrpc({
      ELASTICSEARCH_URL: es.url(testStack.elasticsearchUrl),
      ELASTICSEARCH_REQUEST_TIMEOUT_MS: String(ES_REQUEST_TIMEOUT_MS),
      CACHE_ENABLED: 'true',
    });
    await seedJobTasks(
      api.config.elasticsearch.alias,
      Array.from({ length: 5 }, (_, i) => aJobTask({ domain_id: DOMAIN, job_task_id: `t${i}` })),
    );
    grpc = new JobTaskGrpcClient(api.grpcAddress);
  });
  afterAll(async () => {
    grpc?.close();
    await api?.close();
    await es?.down();
    if (api) await dropJobTasks(api.config.elasticsearch.alias);
    redis.disconnect();
  });

  beforeEach(() => {
    errorLines = [];
    // The API logs to stdout; an error line would show in the assertion on errorLines.
    stdoutSpy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      if (String(chunk).includes('"level":"error"')) errorLines.push(String(chunk));
      return true;
    });
  });
  afterEach(() => stdoutSpy.mockRestore());

  /** Elasticsearch stops answering: open connections are reset, new ones are accepted and held silent. */
  const hang = async () => {
    await es.down();
    await es.up({ silent: true });
    await sleep(100); // lets the API's client see its pooled connections go before it picks one
  };
  const answerAgain = async () => {
    await es.down();
    await es.up();
    await sleep(100);
  };
  const scrape = async () => (await fetch(`${api.url}/metrics`)).text();
  const answerKeys = () => redis.keys(`${api.config.redis.keyPrefix}answer:*`);
  const search = (signal?: AbortSignal) =>
    fetch(`${api.url}${SEARCH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ domain_id: DOMAIN }),
      signal,
    });

  it('should abort the search of a REST client that gave up, record 499, cache nothing, and serve the next', async () => {
    await hang();
    const accepted = es.accepted;
    const closed = es.closedByClient;
    const client = new AbortController();
    const started = Date.now();
    const request = search(client.signal);
    // The search has reached "Elasticsearch" and hangs there.
    expect(await until(() => es.accepted > accepted, 2_000)).toBe(true);
    await sleep(Math.max(0, 200 - (Date.now() - started)));
    client.abort();
    await expect(request).rejects.toThrow(/abort/i);
    const abortedAt = Date.now();

    expect(await until(() => es.closedByClient > closed, SOON_MS)).toBe(true);
    expect(Date.now() - abortedAt).toBeLessThan(SOON_MS);
    expect(await answerKeys()).toEqual([]);

    await answerAgain();
    const next = await search();
    expect(next.status).toBe(200);
    await expect(next.json()).resolves.toMatchObject({ total_count: 5 });
    // The cache does store a finished answer: the empty list above was not for want of caching.
    expect(await answerKeys()).toHaveLength(1);

    const metrics = await scrape();
    const route = { route: SEARCH, method: 'POST', transport: 'rest' };
    expect(requestCount(metrics, { ...route, status: '499' })).toBe(1);
    expect(requestCount(metrics, { ...route, status: '200' })).toBe(1);
    expect(requestCount(metrics, { ...route, status: '500' })).toBe(0);
    expect(rejectedCount(metrics, 'ERROR_CLIENT_CLOSED_REQUEST', 'rest')).toBe(1);
    expect(errorLines).toEqual([]);
  });

  it('should abort the search of a gRPC call past its deadline, never record it OK, and serve the next', async () => {
    await hang();
    const accepted = es.accepted;
    const closed = es.closedByClient;
    const failure = await grpcFailure(
      grpc.list(
        { domain_id: DOMAIN, query: { page: { start: 1, limit: 2 } } },
        { deadlineMs: 300 },
      ),
    );
    expect(failure.code).toBe(status.DEADLINE_EXCEEDED);
    const failedAt = Date.now();
    expect(es.accepted).toBeGreaterThan(accepted);

    expect(await until(() => es.closedByClient > closed, SOON_MS)).toBe(true);
    expect(Date.now() - failedAt).toBeLessThan(SOON_MS);

    await answerAgain();
    const next = await grpc.list({ domain_id: DOMAIN, query: { page: { start: 1, limit: 2 } } });
    expect(next.total_count).toBe(5);

    const metrics = await scrape();
    const route = { route: 'JobTask/list', transport: 'grpc' };
    // Told apart from a client's cancel by the deadline (grpc-js reports both as 'cancelled').
    expect(requestCount(metrics, { ...route, status: 'DEADLINE_EXCEEDED' })).toBe(1);
    expect(requestCount(metrics, { ...route, status: 'CANCELLED' })).toBe(0);
    expect(requestCount(metrics, { ...route, status: 'OK' })).toBe(1);
    expect(requestCount(metrics, { ...route, status: 'INTERNAL' })).toBe(0);
    expect(rejectedCount(metrics, 'ERROR_CLIENT_CLOSED_REQUEST', 'grpc')).toBe(1);
    expect(errorLines).toEqual([]);
  });

  it('should abort the search of a gRPC call its client cancelled and record it CANCELLED', async () => {
    const before = await scrape(); // while Elasticsearch answers: /metrics runs the readiness probes
    await hang();
    const accepted = es.accepted;
    const closed = es.closedByClient;
    const query = { domain_id: DOMAIN, query: { page: { start: 2, limit: 2 } } };
    const cancellable = cancellableList(api.grpcAddress, query);
    try {
      expect(await until(() => es.accepted > accepted, 2_000)).toBe(true);
      cancellable.call.cancel();
      expect((await cancellable.failure).code).toBe(status.CANCELLED);
      const cancelledAt = Date.now();
      expect(await until(() => es.closedByClient > closed, SOON_MS)).toBe(true);
      expect(Date.now() - cancelledAt).toBeLessThan(SOON_MS);
    } finally {
      cancellable.close();
    }

    await answerAgain();
    const metrics = await scrape();
    const route = { route: 'JobTask/list', transport: 'grpc' };
    expect(
      requestCount(metrics, { ...route, status: 'CANCELLED' }) -
        requestCount(before, { ...route, status: 'CANCELLED' }),
    ).toBe(1);
    expect(requestCount(metrics, { ...route, status: 'OK' })).toBe(
      requestCount(before, { ...route, status: 'OK' }),
    );
    expect(errorLines).toEqual([]);
  });
});
