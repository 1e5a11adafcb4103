import type { RunningApi } from '../lib/api-process';
import type { BenchContext } from '../lib/context';
import { runLoad, type HttpRequestSpec, type LoadResult } from '../lib/load';
import { log } from '../lib/log';
import { cpuWindow, type CpuSplit } from '../lib/proc';
import { ES_URL, stackPids } from '../lib/stack';
import { spread, type LatencySummary, type Spread } from '../lib/stats';
import { captureQueries, type CapturedQuery } from './api-capture';
import type { BenchQuery } from './api-queries';

export interface MixFigure {
  /** Per repetition: p50/p99 of every request of the run, API and the same requests sent to Elasticsearch. */
  api: { p50: Spread; p99: Spread; perSecond: Spread };
  direct: { p50: Spread; p99: Spread; perSecond: Spread };
  /** Median API p50 / median direct p50. */
  p50Ratio: number;
  cpu: CpuSplit[];
}

export interface QueryFigure {
  name: string;
  kind: 'list' | 'stat';
  esRequests: number;
  sameAnswer: boolean;
  api: LatencySummary;
  direct: LatencySummary;
  p50Ratio: number;
}

export interface ApiLatencyFigure {
  connections: number;
  seconds: number;
  list: MixFigure;
  stat: MixFigure;
  perQuery: QueryFigure[];
  cacheHits: { c1: { p50: Spread; p99: Spread }; concurrent: LatencySummary };
  failures: number;
}

const failuresOf = (r: LoadResult): number => r.non2xx + r.errors;

async function mix(
  ctx: BenchContext,
  api: RunningApi,
  captured: CapturedQuery[],
): Promise<{ figure: MixFigure; failures: number }> {
  const { connections, apiSeconds, reps } = ctx.options;
  const apiRuns: LoadResult[] = [];
  const directRuns: LoadResult[] = [];
  const cpu: CpuSplit[] = [];
  const esRequests: HttpRequestSpec[] = captured.flatMap((c) => c.es);
  for (let rep = 0; rep < reps; rep += 1) {
    const pids = await stackPids();
    const window = cpuWindow({
      api: api.child.pid,
      elasticsearch: pids.elasticsearch,
      bench: process.pid,
    });
    apiRuns.push(
      await runLoad(
        api.url,
        captured.map((c) => c.api),
        connections,
        apiSeconds,
      ),
    );
    cpu.push(window.stop());
    directRuns.push(await runLoad(ES_URL, esRequests, connections, apiSeconds));
  }
  const summary = (runs: LoadResult[]) => ({
    p50: spread(runs.map((r) => r.latency.p50)),
    p99: spread(runs.map((r) => r.latency.p99)),
    perSecond: spread(runs.map((r) => r.perSecond)),
  });
  const a = summary(apiRuns);
  const d = summary(directRuns);
  return {
    figure: { api: a, direct: d, p50Ratio: a.p50.median / d.p50.median, cpu },
    failures: [...apiRuns, ...directRuns].reduce((n, r) => n + failuresOf(r), 0),
  };
}

async function answerOf(api: RunningApi, request: HttpRequestSpec): Promise<string> {
  const res = await fetch(`${api.url}${request.path}`, {
    method: request.method,
    headers: { 'content-type': 'application/json' },
    body: request.body ?? null,
  });
  if (!res.ok) throw new Error(`${request.path} answered ${res.status}: ${await res.text()}`);
  return JSON.stringify(await res.json());
}

/**
 * Figure 4. `uncached` serves the latency figures (CACHE_ENABLED=false: every request reaches Elasticsearch);
 * `cached` serves the cache-hit figure (the default configuration, each request repeated until it hits).
 */
export async function apiLatencyFigure(
  ctx: BenchContext,
  alias: string,
  queries: BenchQuery[],
  uncached: RunningApi,
  cached: RunningApi,
): Promise<ApiLatencyFigure> {
  const { connections, apiSeconds, reps } = ctx.options;
  const captured = await captureQueries(ctx.es, alias, queries);
  const multi = captured
    .filter((c) => c.es.length !== 1)
    .map((c) => `${c.query.name}: ${c.es.length}`);
  if (multi.length > 0)
    throw new Error(`queries that are not one Elasticsearch request: ${multi.join(', ')}`);
  const same = await Promise.all(
    captured.map(async (c) => (await answerOf(uncached, c.api)) === c.answer),
  );
  log('API: warming up both paths');
  await runLoad(
    uncached.url,
    captured.map((c) => c.api),
    connections,
    2,
  );
  await runLoad(
    ES_URL,
    captured.flatMap((c) => c.es),
    connections,
    2,
  );

  const list = await mix(
    ctx,
    uncached,
    captured.filter((c) => c.query.kind === 'list'),
  );
  log(
    `API list mix: p50 ${list.figure.api.p50.median.toFixed(2)} ms vs direct ${list.figure.direct.p50.median.toFixed(2)} ms`,
  );
  const stat = await mix(
    ctx,
    uncached,
    captured.filter((c) => c.query.kind === 'stat'),
  );
  log(
    `API stat mix: p50 ${stat.figure.api.p50.median.toFixed(2)} ms vs direct ${stat.figure.direct.p50.median.toFixed(2)} ms`,
  );

  const perQuery: QueryFigure[] = [];
  let failures = list.failures + stat.failures;
  const perQuerySeconds = Math.max(2, Math.round(apiSeconds / 2));
  for (const [i, c] of captured.entries()) {
    const a = await runLoad(uncached.url, [c.api], connections, perQuerySeconds);
    const d = await runLoad(ES_URL, c.es, connections, perQuerySeconds);
    failures += failuresOf(a) + failuresOf(d);
    perQuery.push({
      name: c.query.name,
      kind: c.query.kind,
      esRequests: c.es.length,
      sameAnswer: same[i] ?? false,
      api: a.latency,
      direct: d.latency,
      p50Ratio: a.latency.p50 / d.latency.p50,
    });
  }

  for (const c of captured) await answerOf(cached, c.api); // fills the cache: every later request is a hit
  const hits: LoadResult[] = [];
  for (let rep = 0; rep < reps; rep += 1)
    hits.push(
      await runLoad(
        cached.url,
        captured.map((c) => c.api),
        1,
        apiSeconds,
      ),
    );
  const concurrentHits = await runLoad(
    cached.url,
    captured.map((c) => c.api),
    connections,
    apiSeconds,
  );
  failures += [...hits, concurrentHits].reduce((n, r) => n + failuresOf(r), 0);
  log(`API cache hits: p50 ${spread(hits.map((r) => r.latency.p50)).median.toFixed(2)} ms`);
  return {
    connections,
    seconds: apiSeconds,
    list: list.figure,
    stat: stat.figure,
    perQuery,
    cacheHits: {
      c1: {
        p50: spread(hits.map((r) => r.latency.p50)),
        p99: spread(hits.map((r) => r.latency.p99)),
      },
      concurrent: concurrentHits.latency,
    },
    failures,
  };
}
