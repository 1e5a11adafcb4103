import { Partitioners } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RunningApi } from '../lib/api-process';
import { waitForHttp } from '../lib/child';
import type { BenchContext } from '../lib/context';
import { createTopic } from '../lib/kafka';
import { log } from '../lib/log';
import { cpuWindow, peakRssMb, type CpuSplit } from '../lib/proc';
import { flushReasons, startProjector, type ProjectorCounters } from '../lib/projector-process';
import { repeat } from '../lib/repeat';
import { stackPids } from '../lib/stack';
import { generateWorkload, inflightOf, interleaveSteady } from '../lib/workload';
import { chooseProbes, intoDomains, type Probe } from './freshness-probes';
import {
  now,
  pollApi,
  pollElasticsearch,
  POLL_MS,
  PROBE_TIMEOUT_MS,
  readerFigure,
  type ReaderFreshness,
} from './freshness-readers';

const PROBES_PER_SECOND = 4;
const TAIL_SECONDS = 5;

export interface FreshnessFigure {
  rate: number;
  fractionOfMax: number;
  /** Tasks in flight asked for (round-robin interleave; 0 = the natural stream) and what the stream really has. */
  inflight: number;
  inflightMean: number;
  /** Seconds of the stream that carry steady probes (the last TAIL_SECONDS carry only the tail probe). */
  seconds: number;
  events: number;
  probes: number;
  pollMs: number;
  es: ReaderFreshness;
  api: ReaderFreshness;
  apiUncached: ReaderFreshness;
  projectorPeakRssMb: number | null;
  /** The tailing projector's windows by the reason each was written ('time' once caught up, or while behind). */
  flushReasons: Record<string, number>;
  /** Its counters when it had caught up: flushes, bulks and the seconds spent waiting on them. */
  counters: ProjectorCounters | null;
  cpu: CpuSplit;
  /**
   * The stream's last terminal event, ms until each reader saw it (null: not within timeoutMs). After the last
   * write nothing bumps the cache generation again, so this is the cache's staleness once traffic stops.
   */
  endOfStream: {
    es: number | null;
    api: number | null;
    apiUncached: number | null;
    timeoutMs: number;
  };
  /** Each probe: seconds into the stream when sent, then ms until each reader saw it (null: timed out). */
  perProbe: Record<string, number | null>[];
}

export interface FreshnessSpec {
  alias: string;
  domains: string[];
  /** The projector's maximum rate at `inflight` tasks in flight (figure 1 at that level, same run). */
  maxRate: number;
  inflight: number;
  cached: RunningApi;
  uncached: RunningApi;
}

/**
 * Figure 3: a projector tails a fresh topic into the API index while events arrive at `rate` (half the maximum
 * figure 1 measured at the same in-flight level), the simulator's events kept at `inflight` open tasks
 * (`interleaveSteady`: task ends, hence probes, spread evenly). Probes are tasks' terminal events, timed from
 * just before their produce request to the first read that shows the new status: a search on Elasticsearch, the
 * API as deployed (answer cache on) and the API without its cache. An attempt disturbed by a restart of the
 * stack is run again with new tasks (the old ones are already projected).
 */
export async function freshnessFigure(
  ctx: BenchContext,
  spec: FreshnessSpec,
): Promise<FreshnessFigure & { discarded: string[] }> {
  const attempted = await repeat('freshness', 1, (n) => freshnessAttempt(ctx, spec, n));
  const result = attempted.results[0];
  if (!result) throw new Error('freshness: no result');
  return { ...result, discarded: attempted.discarded };
}

async function freshnessAttempt(
  ctx: BenchContext,
  spec: FreshnessSpec,
  attempt: number,
): Promise<FreshnessFigure> {
  const { options, names } = ctx;
  const rate = Math.max(10, Math.round(spec.maxRate * 0.5));
  const events = rate * options.freshSeconds;
  const workload = generateWorkload(Math.ceil(events / 7), events, options.seed + 1 + attempt);
  const ordered =
    spec.inflight > 0 ? interleaveSteady(workload.messages, spec.inflight) : workload.messages;
  const messages = intoDomains(ordered.slice(0, events), spec.domains);
  // The last TAIL_SECONDS of the stream carry no steady probe: each is followed by ordinary traffic.
  const steadyEnd = Math.max(0, events - rate * TAIL_SECONDS);
  const probes = chooseProbes(messages, rate, PROBES_PER_SECOND, steadyEnd);
  const topic = names.name(`fresh-${attempt}`);
  await createTopic(ctx.kafka, topic, options.partitions);
  const pids = await stackPids();
  const projector = await startProjector(ctx.build, {
    topic,
    groupId: names.name(`group-fresh-${attempt}`),
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
    const apiPending = { api: new Set<Probe>(), apiUncached: new Set<Probe>() };
    let producing = true;
    const esPoller = pollElasticsearch(
      ctx,
      spec.alias,
      pending,
      () => !producing && pending.size === 0,
    );
    const pollers = (['api', 'apiUncached'] as const).map((reader) =>
      pollApi(
        reader === 'api' ? spec.cached : spec.uncached,
        reader,
        apiPending[reader],
        () => !producing && apiPending[reader].size === 0,
      ),
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
        apiPending.api.add(probe);
        apiPending.apiUncached.add(probe);
      }
      await producer.send({ topic, acks: -1, messages: messages.slice(sent, sent + chunk) });
      const waitMs = startedAt + ((sent + chunk) * 1_000) / rate - now();
      if (waitMs > 0) await sleep(waitMs);
    }
    // The CPU window closes when the projector has caught up (every probe searchable), before the API pollers
    // finish: a stuck cached answer must not stretch the window the CPU split describes.
    const deadline = now() + PROBE_TIMEOUT_MS;
    while (pending.size > 0 && now() < deadline) await sleep(POLL_MS);
    const split = cpu.stop();
    const reasons = await flushReasons(projector).catch(() => ({}));
    const counters = await projector.metrics().catch(() => null);
    producing = false;
    pending.clear();
    await esPoller;
    await Promise.all(pollers);
    const all = [...probes.values()];
    const steady = all.filter((p) => !p.tail);
    const tail = all.find((p) => p.tail);
    const seconds = Math.max(1, options.freshSeconds - TAIL_SECONDS);
    return {
      rate,
      fractionOfMax: rate / spec.maxRate,
      inflight: spec.inflight,
      inflightMean: inflightOf(messages).mean,
      seconds,
      events: messages.length,
      probes: steady.length,
      pollMs: POLL_MS,
      es: readerFigure(steady, 'es', startedAt, options.freshWindows, seconds),
      api: readerFigure(steady, 'api', startedAt, options.freshWindows, seconds),
      apiUncached: readerFigure(steady, 'apiUncached', startedAt, options.freshWindows, seconds),
      endOfStream: {
        es: tail?.visibleAt.es === undefined ? null : tail.visibleAt.es - tail.sentAt,
        api: tail?.visibleAt.api === undefined ? null : tail.visibleAt.api - tail.sentAt,
        apiUncached:
          tail?.visibleAt.apiUncached === undefined
            ? null
            : tail.visibleAt.apiUncached - tail.sentAt,
        timeoutMs: PROBE_TIMEOUT_MS,
      },
      projectorPeakRssMb: peakRssMb(projector.child.pid),
      flushReasons: reasons,
      counters,
      perProbe: all.map((p) => ({
        tail: p.tail ? 1 : 0,
        sentAtS: (p.sentAt - startedAt) / 1_000,
        ...Object.fromEntries(
          (['es', 'api', 'apiUncached'] as const).map((r) => [
            r,
            p.visibleAt[r] === undefined ? null : (p.visibleAt[r] ?? 0) - p.sentAt,
          ]),
        ),
      })),
      cpu: split,
    };
  } finally {
    await producer.disconnect();
    await projector.child.stop();
  }
}
