/*
 * Where the API's milliseconds go, one layer at a time, in one run on the same Elasticsearch and index. For each
 * query the exact search the service sends is captured once, then these targets are timed, interleaved round by
 * round (one connection, requests one after another, p50 of every request; answer cache off):
 *
 *   raw undici        the captured search replayed over an undici Pool (keep-alive): Elasticsearch plus loopback
 *   es client         the same search through @elastic/elasticsearch as the API configures it (libs/platform)
 *   es client, again  a second client built the same way, listed after the first: how much the order alone moves
 *   in-process        JobTasksService: validation, planning, the client, answer shaping, JSON text
 *   node http         a bare node:http server that parses the body and calls the service
 *   nest express      the API as deployed (createApiApp): Express, JSON body, correlation id, metrics, Swagger
 *   empty http        a node:http server answering "{}": the HTTP client's and loopback's own share
 *
 * The HTTP client is an undici Pool in the same process (keep-alive), not `fetch`, whose own cost is larger.
 *
 *   ELASTICSEARCH_URL=… node -r ts-node/register/transpile-only -r tsconfig-paths/register \
 *     apps/api/test/request-path-breakdown.measure.ts [rounds] [requests-per-round]
 */
import 'reflect-metadata';
import { createElasticsearchClient, JsonLogger } from '@app/platform';
import { testStack, uniqueName } from '@app/testing';
import type { Client } from '@elastic/elasticsearch';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';
import { createApiApp } from '../src/api.app';
import { ELASTICSEARCH_CLIENT } from '../src/api.tokens';
import { JobTasksService } from '../src/job-tasks/job-tasks.service';
import { dropJobTasks } from './seed-index';
import {
  measureApiConfig,
  MEASURED_QUERIES,
  median,
  seedMeasureIndex,
} from './request-path.fixture';

const ROUNDS = Number(process.argv[2] ?? 20);
const PER_ROUND = Number(process.argv[3] ?? 25);
const QUERIES = MEASURED_QUERIES;

type Send = (query: string) => Promise<unknown>;

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function post(pool: Pool, path: string, body: string): Promise<string> {
  return pool
    .request({ method: 'POST', path, body, headers: { 'content-type': 'application/json' } })
    .then(async (res) => {
      const text = await res.body.text();
      if (res.statusCode !== 200) throw new Error(`${path}: ${res.statusCode} ${text}`);
      return text;
    });
}

async function main(): Promise<void> {
  const alias = uniqueName('measure-breakdown');
  const config = measureApiConfig(alias);
  const logger = new JsonLogger('error', 'measure');
  await seedMeasureIndex(alias);
  const app = await createApiApp(config, logger);
  await app.listen(0, '127.0.0.1');
  const apiUrl = `http://127.0.0.1:${((app.getHttpServer() as Server).address() as AddressInfo).port}`;
  const service = app.get(JobTasksService);
  const apiClient = app.get<Client>(ELASTICSEARCH_CLIENT);
  const caller = { kind: 'open' } as const;
  const callService = (query: string) => {
    const q = QUERIES[query]!;
    return q.kind === 'stat'
      ? service.statAnswer(q.body, caller)
      : service.listAnswer(q.body, caller);
  };

  // The search each query sends, captured from the API's own client.
  const captured = new Map<string, { path: string; body: string }>();
  for (const query of Object.keys(QUERIES)) {
    let seen: { path: string; body: string } | undefined;
    let requests = 0;
    const onRequest = (
      _e: unknown,
      event: { meta: { request: { params: { path: string; body?: unknown } } } } | null,
    ) => {
      const params = event?.meta.request.params;
      requests += 1;
      if (params && seen === undefined) seen = { path: params.path, body: String(params.body) };
    };
    apiClient.diagnostic.on('request', onRequest);
    await callService(query);
    apiClient.diagnostic.off('request', onRequest);
    if (!seen || requests !== 1)
      throw new Error(`${query}: ${requests} Elasticsearch requests, the replay needs exactly one`);
    process.stdout.write(`${query}: ${seen.path} ${seen.body}\n`);
    captured.set(query, seen);
  }
  const search = (query: string) => captured.get(query)!;

  const esUrl = new URL(testStack.elasticsearchUrl);
  const esPool = new Pool(esUrl.origin, { connections: 1 });
  const esClient = createElasticsearchClient(config.elasticsearch);
  const esClientAgain = createElasticsearchClient(config.elasticsearch);

  const nodeHttp = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const kind = req.url?.endsWith('/stat') ? 'stat' : 'list';
      const answer =
        kind === 'stat' ? service.statAnswer(body, caller) : service.listAnswer(body, caller);
      answer.then(
        (a) => {
          res.setHeader('content-type', 'application/json; charset=utf-8');
          res.end(a.text());
        },
        (error: unknown) => {
          res.statusCode = 500;
          res.end(String(error));
        },
      );
    });
  });
  const empty = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('{}'));
  });
  // The same answer text as the API's, sent without computing it: what the answer's size costs on loopback. Keyed
  // by query, not route: several queries share a route.
  const answers = new Map<string, string>();
  for (const query of Object.keys(QUERIES)) answers.set(query, (await callService(query)).text());
  const canned = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.end(answers.get(decodeURIComponent((req.url ?? '/').slice(1))) ?? '{}');
    });
  });
  const nodeHttpPool = new Pool(await listen(nodeHttp), { connections: 1 });
  const emptyPool = new Pool(await listen(empty), { connections: 1 });
  const cannedPool = new Pool(await listen(canned), { connections: 1 });
  const apiPool = new Pool(apiUrl, { connections: 1 });

  const raw =
    (pool: Pool): Send =>
    (query) => {
      const q = QUERIES[query]!;
      return post(pool, q.path, JSON.stringify(q.body));
    };
  const viaClient =
    (client: Client): Send =>
    (query) => {
      const s = search(query);
      return client.transport.request({
        method: 'POST',
        path: s.path,
        body: JSON.parse(s.body) as Record<string, unknown>,
      });
    };
  const targets: Record<string, Send> = {
    'raw undici': (query) => {
      const s = search(query);
      return post(esPool, s.path, s.body);
    },
    'es client': viaClient(esClient),
    'es client, again': viaClient(esClientAgain),
    'in-process': async (query) => (await callService(query)).text(),
    'node http': raw(nodeHttpPool),
    'nest express': raw(apiPool),
    'canned http': (query) =>
      post(cannedPool, `/${encodeURIComponent(query)}`, JSON.stringify(QUERIES[query]!.body)),
    'empty http': raw(emptyPool),
  };
  // MEASURE_ONLY="nest express" times one target alone, e.g. under --cpu-prof.
  const only = process.env.MEASURE_ONLY;
  if (only) for (const name of Object.keys(targets)) if (name !== only) delete targets[name];
  try {
    const samples = new Map<string, number[]>();
    // This process's CPU (client, API and, for the in-process targets, nothing else) per request.
    const cpuMicros = new Map<string, number>();
    for (let round = -2; round < ROUNDS; round += 1) {
      for (const query of Object.keys(QUERIES)) {
        // Target after target on every request, so a burst of load on the shared machine hits them alike.
        for (let i = 0; i < PER_ROUND; i += 1) {
          for (const [name, send] of Object.entries(targets)) {
            const cpu0 = process.cpuUsage();
            const started = performance.now();
            await send(query);
            const ms = performance.now() - started;
            const cpu = process.cpuUsage(cpu0);
            if (round < 0) continue; // warm-up rounds
            const key = `${query}|${name}`;
            cpuMicros.set(key, (cpuMicros.get(key) ?? 0) + cpu.user + cpu.system);
            const list = samples.get(key) ?? [];
            list.push(ms);
            samples.set(key, list);
          }
        }
      }
    }
    const lines = [
      `${ROUNDS} rounds × ${PER_ROUND} requests per target and query, one connection; p50 and this process's CPU in ms`,
    ];
    for (const query of Object.keys(QUERIES)) {
      const p50 = (name: string): number => median(samples.get(`${query}|${name}`) ?? []);
      const floor = p50('raw undici') || 0;
      lines.push(`${query} (answer ${Buffer.byteLength(answers.get(query) ?? '')} bytes)`);
      for (const name of Object.keys(targets)) {
        const v = p50(name);
        const key = `${query}|${name}`;
        const cpu = (cpuMicros.get(key) ?? 0) / 1000 / (samples.get(key)?.length ?? 1);
        lines.push(
          `  ${name.padEnd(18)} p50 ${v.toFixed(3)}  ${(v - floor >= 0 ? '+' : '') + (v - floor).toFixed(3)} over raw undici, CPU ${cpu.toFixed(3)} per request`,
        );
      }
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await Promise.all([
      esPool.close(),
      nodeHttpPool.close(),
      emptyPool.close(),
      cannedPool.close(),
      apiPool.close(),
    ]);
    nodeHttp.close();
    empty.close();
    canned.close();
    await Promise.all([esClient.close(), esClientAgain.close(), app.close()]);
    await dropJobTasks(alias);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
