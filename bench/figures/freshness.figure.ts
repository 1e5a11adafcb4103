import { Partitioners } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RunningApi } from '../lib/api-process';
import { waitForHttp } from '../lib/child';
import type { BenchContext } from '../lib/context';
import { createTopic } from '../lib/kafka';
import { log } from '../lib/log';
import { cpuWindow, peakRssMb, type CpuSplit } from '../lib/proc';
import { startProjector } from '../lib/projector-process';
import { stackPids } from '../lib/stack';
import { latencySummary, spread, type LatencySummary, type Spread } from '../lib/stats';
import { generateWorkload } from '../lib/workload';
import { chooseProbes, intoDomains, type Probe } from './freshness-probes';

const POLL_MS = 50;
const PROBES_PER_SECOND = 4;
const PROBE_TIMEOUT_MS = 30_000;
type Reader = keyof Probe['visibleAt'];

export interface ReaderFreshness {
  all: LatencySummary;
  /** p50/p99 of each window of the run: the spread across repetitions. */
  windowP50: Spread;
  windowP99: Spread;
  timedOut: number;
}

export interface FreshnessFigure {
  rate: number;
  fractionOfMax: number;
  seconds: number;
  events: number;
  probes: number;
  pollMs: number;
  es: ReaderFreshness;
  api: ReaderFreshness;
  apiUncached: ReaderFreshness;
  projectorPeakRssMb: number | null;
  cpu: CpuSplit;
}

const now = (): number => performance.timeOrigin + performance.now();

async function pollApi(
  api: RunningApi,
  probe: Probe,
  reader: Reader,
  deadline: number,
): Promise<void> {
  const body = JSON.stringify({
    domain_id: probe.domainId,
    query: { filter: [{ k: 'job_task_id', v: probe.jobTaskId, o: 'eq' }], only: ['status'] },
  });
  while (now() < deadline) {
    const res = await fetch(`${api.url}/power_scheduler/v1/job-tasks/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    }).catch(() => null);
    const answer = res?.ok ? ((await res.json()) as { results?: { status?: string }[] }) : null;
    if (answer?.results?.[0]?.status === probe.status) {
      probe.visibleAt[reader] = now();
      return;
    }
    await sleep(POLL_MS);
  }
}

/** One search per tick for every probe not yet seen by a search (refreshed segments only, unlike GET). */
async function pollElasticsearch(
  ctx: BenchContext,
  alias: string,
  pending: Set<Probe>,
  until: () => boolean,
): Promise<void> {
  while (!until()) {
    const ids = [...pending].map((p) => p.jobTaskId);
    if (ids.length > 0) {
      const res = await ctx.es
        .search<{ job_task_id: string; status: string }>({
          index: alias,
          size: ids.length,
          query: { terms: { job_task_id: ids } },
          _source: ['job_task_id', 'status'],
        })
        .catch(() => null);
      const seenAt = now();
      const status = new Map(
        res?.hits.hits.map((h) => [h._source?.job_task_id, h._source?.status]) ?? [],
      );
      for (const probe of pending) {
        if (status.get(probe.jobTaskId) === probe.status) {
          probe.visibleAt.es = seenAt;
          pending.delete(probe);
        }
      }
    }
    await sleep(POLL_MS);
  }
}

function readerFigure(
  probes: Probe[],
  reader: Reader,
  startedAt: number,
  windows: number,
  seconds: number,
): ReaderFreshness {
  const latency = (p: Probe): number =>
    (p.visibleAt[reader] ?? p.sentAt + PROBE_TIMEOUT_MS) - p.sentAt;
  const windowMs = (seconds * 1_000) / windows;
  const perWindow = Array.from({ length: windows }, (_, w) =>
    probes
      .filter((p) => Math.min(windows - 1, Math.floor((p.sentAt - startedAt) / windowMs)) === w)
      .map(latency),
  ).filter((values) => values.length > 0);
  return {
    all: latencySummary(probes.map(latency)),
    windowP50: spread(perWindow.map((v) => latencySummary(v).p50)),
    windowP99: spread(perWindow.map((v) => latencySummary(v).p99)),
    timedOut: probes.filter((p) => p.visibleAt[reader] === undefined).length,
  };
}

/**
 * Figure 3: a projector tails a fresh topic into the API index while events arrive at `rate`; probes are tasks'
 * terminal events, timed from just before their produce request to the first read that shows the new status:
 * a search on Elasticsearch, the API as deployed (answer cache on) and the API without its cache.
 */
export async function freshnessFigure(
  ctx: BenchContext,
  spec: {
    alias: string;
    domains: string[];
    maxRate: number;
    cached: RunningApi;
    uncached: RunningApi;
  },
): Promise<FreshnessFigure> {
  const { options, names } = ctx;
  const rate = Math.max(10, Math.round(spec.maxRate * 0.5));
  const events = rate * options.freshSeconds;
  const workload = generateWorkload(Math.ceil(events / 7), events, options.seed + 1);
  const messages = intoDomains(workload.messages.slice(0, events), spec.domains);
  const probes = chooseProbes(messages, rate, PROBES_PER_SECOND);
  const topic = names.name('fresh');
  await createTopic(ctx.kafka, topic, options.partitions);
  const pids = await stackPids();
  const projector = await startProjector(ctx.build, {
    topic,
    groupId: names.name('group-fresh'),
    alias: spec.alias,
    redisPrefix: names.redisPrefix,
    partitions: options.partitions,
    maxBatchEvents: options.maxBatchEvents,
  });
  const producer = ctx.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  try {
    await waitForHttp(`http://127.0.0.1:${projector.port}/ready`, 60_000, projector.child);
    await producer.connect();
    log(`freshness: ${events} events at ${rate}/s, ${probes.size} probes`);
    const cpu = cpuWindow({
      projector: projector.child.pid,
      elasticsearch: pids.elasticsearch,
      kafka: pids.kafka,
      bench: process.pid,
    });
    const pending = new Set<Probe>();
    const pollers: Promise<void>[] = [];
    let producing = true;
    const esPoller = pollElasticsearch(
      ctx,
      spec.alias,
      pending,
      () => !producing && pending.size === 0,
    );
    const chunk = Math.max(1, Math.floor(rate / 10));
    const startedAt = now();
    for (let sent = 0; sent < messages.length; sent += chunk) {
      const sentAt = now();
      for (let i = sent; i < Math.min(messages.length, sent + chunk); i += 1) {
        const probe = probes.get(i);
        if (!probe) continue;
        probe.sentAt = sentAt;
        pending.add(probe);
        const deadline = sentAt + PROBE_TIMEOUT_MS;
        pollers.push(
          pollApi(spec.cached, probe, 'api', deadline),
          pollApi(spec.uncached, probe, 'apiUncached', deadline),
        );
      }
      await producer.send({ topic, acks: -1, messages: messages.slice(sent, sent + chunk) });
      const waitMs = startedAt + ((sent + chunk) * 1_000) / rate - now();
      if (waitMs > 0) await sleep(waitMs);
    }
    await Promise.all(pollers);
    const deadline = now() + PROBE_TIMEOUT_MS;
    while (pending.size > 0 && now() < deadline) await sleep(POLL_MS);
    producing = false;
    pending.clear();
    await esPoller;
    const split = cpu.stop();
    const all = [...probes.values()];
    const seconds = options.freshSeconds;
    return {
      rate,
      fractionOfMax: rate / spec.maxRate,
      seconds,
      events: messages.length,
      probes: all.length,
      pollMs: POLL_MS,
      es: readerFigure(all, 'es', startedAt, options.freshWindows, seconds),
      api: readerFigure(all, 'api', startedAt, options.freshWindows, seconds),
      apiUncached: readerFigure(all, 'apiUncached', startedAt, options.freshWindows, seconds),
      projectorPeakRssMb: peakRssMb(projector.child.pid),
      cpu: split,
    };
  } finally {
    await producer.disconnect();
    await projector.child.stop();
  }
}
