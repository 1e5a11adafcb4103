import { alternate } from '../lib/alternate';
import type { RunningApi } from '../lib/api-process';
import type { BenchContext } from '../lib/context';
import { summarizeProfile, type ProfileSummary } from '../lib/cpu-profile';
import type { ProfilerControl } from '../lib/profiler-control';
import { retryingOutages } from '../lib/elastic';
import { runLoad, type HttpRequestSpec, type LoadResult } from '../lib/load';
import { log } from '../lib/log';
import { cpuWindow, type CpuSplit } from '../lib/proc';
import { repeat } from '../lib/repeat';
import { ES_URL, stackPids, waitForElasticsearch } from '../lib/stack';
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
  /**
   * One connection: the API's own cost per request, without queueing behind other requests. API and
   * direct requests alternate request by request, so a burst of other load lands on both alike.
   */
  single: { api: LatencySummary; direct: LatencySummary };
}

export interface ApiLatencyFigure {
  connections: number;
  seconds: number;
  list: MixFigure;
  stat: MixFigure;
  perQuery: QueryFigure[];
  cacheHits: { c1: { p50: Spread; p99: Spread }; concurrent: LatencySummary };
  /** An extra run of each mix with the V8 profiler on in the API (not part of the latency figures). */
  profiles: { list: ProfileSummary; stat: ProfileSummary } | null;
  discarded: string[];
}

/** A load run in which any request failed (e.g. Elasticsearch stopped by a fault test) is not a measurement. */
async function cleanLoad(
  url: string,
  requests: readonly HttpRequestSpec[],
  connections: number,
  seconds: number,
): Promise<LoadResult> {
  const result = await runLoad(url, requests, connections, seconds);
  const failed = result.non2xx + result.errors;
  if (failed > 0) throw new Error(`${failed} of ${result.requests} requests to ${url} failed`);
  return result;
}

/** API then direct, back to back, `reps` times: each pair sees the same state of the shared box. */
async function mix(ctx: BenchContext, label: string, api: RunningApi, captured: CapturedQuery[]) {
  const { connections, apiSeconds, reps } = ctx.options;
  const apiRequests = captured.map((c) => c.api);
  const esRequests = captured.flatMap((c) => c.es);
  const attempted = await repeat(label, reps, async () => {
    const pids = await stackPids();
    const window = cpuWindow({
      api: api.child.pid,
      elasticsearch: pids.elasticsearch,
      bench: process.pid,
    });
    const viaApi = await cleanLoad(api.url, apiRequests, connections, apiSeconds);
    const cpu = window.stop();
    const direct = await cleanLoad(ES_URL, esRequests, connections, apiSeconds);
    return { viaApi, direct, cpu };
  });
  const runs = attempted.results;
  const summary = (all: LoadResult[]) => ({
    p50: spread(all.map((r) => r.latency.p50)),
    p99: spread(all.map((r) => r.latency.p99)),
    perSecond: spread(all.map((r) => r.perSecond)),
  });
  const a = summary(runs.map((r) => r.viaApi));
  const d = summary(runs.map((r) => r.direct));
  const figure: MixFigure = {
    api: a,
    direct: d,
    p50Ratio: a.p50.median / d.p50.median,
    cpu: runs.map((r) => r.cpu),
  };
  log(
    `${label}: p50 ${a.p50.median.toFixed(2)} ms via the API, ${d.p50.median.toFixed(2)} ms direct`,
  );
  return { figure, discarded: attempted.discarded };
}

async function profileMixes(
  ctx: BenchContext,
  api: RunningApi,
  profiler: ProfilerControl,
  captured: CapturedQuery[],
): Promise<{ list: ProfileSummary; stat: ProfileSummary }> {
  const profileOf = async (kind: 'list' | 'stat'): Promise<ProfileSummary> => {
    profiler.start();
    const requests = captured.filter((c) => c.query.kind === kind).map((c) => c.api);
    await runLoad(api.url, requests, ctx.options.connections, ctx.options.apiSeconds);
    return summarizeProfile(await profiler.stop());
  };
  const list = await profileOf('list');
  const stat = await profileOf('stat');
  const top = (p: ProfileSummary) =>
    p.byArea.slice(0, 3).map((a) => `${a.area} ${Math.round(a.share * 100)}%`);
  log(`API profile: list ${top(list).join(', ')}; stat ${top(stat).join(', ')}`);
  return { list, stat };
}

/** One answer of the API; a 503 (Elasticsearch stopped by a fault test) is waited out a few times. */
async function answerOf(api: RunningApi, request: HttpRequestSpec): Promise<string> {
  for (let attempt = 1; ; attempt += 1) {
    const res = await fetch(`${api.url}${request.path}`, {
      method: request.method,
      headers: { 'content-type': 'application/json' },
      body: request.body ?? null,
    });
    if (res.ok) return JSON.stringify(await res.json());
    const text = await res.text();
    if (res.status !== 503 || attempt >= 5)
      throw new Error(`${request.path} answered ${res.status}: ${text}`);
    await waitForElasticsearch();
  }
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
  const captured = await retryingOutages(() => captureQueries(ctx.es, alias, queries));
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
    'API list mix',
    uncached,
    captured.filter((c) => c.query.kind === 'list'),
  );
  const stat = await mix(
    ctx,
    'API stat mix',
    uncached,
    captured.filter((c) => c.query.kind === 'stat'),
  );
  const discarded = [...list.discarded, ...stat.discarded];

  const perQuery: QueryFigure[] = [];
  const perQuerySeconds = Math.max(2, Math.round(apiSeconds / 2));
  for (const [i, c] of captured.entries()) {
    const attempted = await repeat(`API query "${c.query.name}"`, 1, async () => ({
      a: await cleanLoad(uncached.url, [c.api], connections, perQuerySeconds),
      d: await cleanLoad(ES_URL, c.es, connections, perQuerySeconds),
      // The time two blocks at c=1 took, now spent alternating API and direct request by request.
      c1: await alternate(
        { url: uncached.url, requests: [c.api] },
        { url: ES_URL, requests: c.es },
        { seconds: 2 * perQuerySeconds },
      ),
    }));
    discarded.push(...attempted.discarded);
    const result = attempted.results[0];
    if (!result) continue;
    const { a, d, c1 } = result;
    perQuery.push({
      name: c.query.name,
      kind: c.query.kind,
      esRequests: c.es.length,
      sameAnswer: same[i] ?? false,
      api: a.latency,
      direct: d.latency,
      p50Ratio: a.latency.p50 / d.latency.p50,
      single: { api: c1.a, direct: c1.b },
    });
  }

  const profiles = uncached.profiler
    ? await profileMixes(ctx, uncached, uncached.profiler, captured)
    : null;
  const cachedRequests = captured.map((c) => c.api);
  for (const request of cachedRequests) await answerOf(cached, request); // fills the cache: later requests hit
  const hits = await repeat('API cache hits', reps, () =>
    cleanLoad(cached.url, cachedRequests, 1, apiSeconds),
  );
  const concurrent = await repeat('API cache hits, concurrent', 1, () =>
    cleanLoad(cached.url, cachedRequests, connections, apiSeconds),
  );
  discarded.push(...hits.discarded, ...concurrent.discarded);
  const c1 = {
    p50: spread(hits.results.map((r) => r.latency.p50)),
    p99: spread(hits.results.map((r) => r.latency.p99)),
  };
  log(`API cache hits: p50 ${c1.p50.median.toFixed(2)} ms`);
  const concurrentLatency = concurrent.results[0]?.latency;
  if (!concurrentLatency) throw new Error('API cache hits, concurrent: no result');
  return {
    connections,
    seconds: apiSeconds,
    list: list.figure,
    stat: stat.figure,
    perQuery,
    cacheHits: { c1, concurrent: concurrentLatency },
    profiles,
    discarded,
  };
}
