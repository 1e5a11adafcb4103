import type { JobTaskDocument } from '@app/domain';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BenchContext } from '../lib/context';
import {
  sameFingerprint,
  searchableFingerprint,
  verifyDocuments,
  indexActivity,
  type IndexActivity,
  type Fingerprint,
  type Verification,
} from '../lib/elastic';
import { cpuWindow, peakRssMb, rssMb, type CpuSplit } from '../lib/proc';
import {
  flushReasons,
  startProjector,
  waitForAllSettled,
  waitForFirstConsume,
  type ProjectorCounters,
} from '../lib/projector-process';
import { profiledProcess, ProfilerControl } from '../lib/profiler-control';
import { stackPids } from '../lib/stack';

export interface ProjectorRepInput {
  topic: string;
  total: number;
  expected: ReadonlyMap<string, JobTaskDocument>;
  fingerprint: Fingerprint;
  maxBatchEvents: number;
  /** Names this attempt's group and alias. */
  tag: string;
  /** Profile the measured window into `<profileBase>-1.cpuprofile` (see bench/lib/profiler-control.ts). */
  profileBase?: string;
  /** Take an Elasticsearch hot-threads snapshot this long after the first consume. */
  hotThreadsAfterMs?: number;
  verify: boolean;
  /** Reads what else the figure needs from the alias after the run, before its index is deleted. */
  inspect?: (alias: string) => Promise<Record<string, number>>;
}

export interface ProjectorRep {
  ms: number;
  eventsPerS: number;
  peakRssMb: number | null;
  /** RSS when consumption began: what the process holds before any batch. */
  startRssMb: number | null;
  cpu: CpuSplit;
  counters: ProjectorCounters;
  /** The measured window in three parts (ms, each at most one 100 ms poll off): see RunPhases. */
  phases: RunPhases;
  /** Index operations (document writes) and refreshes Elasticsearch performed for this run. */
  activity: IndexActivity;
  verification: Verification | null;
  /** What `inspect` returned (empty without it). */
  inspected: Record<string, number>;
  hotThreads: string | null;
  profileFile: string | null;
  /** Windows written, by the reason each was written (docs/projector.md): why writes per task exceed 1. */
  flushReasons: Record<string, number>;
}

/**
 * Where a run's time goes: reading (first consume to the last message consumed), writing what was still pending
 * after that (to every effect durable), and waiting for the index refresh that makes the last write visible.
 */
export interface RunPhases {
  readMs: number;
  settleTailMs: number;
  visibleTailMs: number;
}

const VISIBLE_POLL_MS = 25;

async function waitForFingerprint(
  ctx: BenchContext,
  alias: string,
  want: Fingerprint,
  timeoutMs: number,
): Promise<number> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const seen = await searchableFingerprint(ctx.es, alias);
    if (sameFingerprint(seen, want)) return performance.timeOrigin + performance.now();
    await sleep(VISIBLE_POLL_MS);
  }
  throw new Error(`documents of ${alias} not all visible within ${timeoutMs} ms`);
}

async function hotThreads(ctx: BenchContext, afterMs: number): Promise<string> {
  await sleep(afterMs);
  const text = await ctx.es.nodes.hotThreads({ threads: 4, interval: '500ms', snapshots: 10 });
  const body: unknown = text;
  return (typeof body === 'string' ? body : JSON.stringify(body))
    .split('\n')
    .slice(0, 60)
    .join('\n');
}

/**
 * One projector run over a pre-filled topic: from the first consume (metrics) to the moment a search sees every
 * final document (fingerprint), then — outside the timed window — a full document-by-document check.
 */
export async function projectorRep(
  ctx: BenchContext,
  input: ProjectorRepInput,
): Promise<ProjectorRep> {
  const { names, build, options } = ctx;
  const alias = names.name(`alias-${input.tag}`);
  const pids = await stackPids();
  const timeoutMs = Math.max(180_000, input.total * 5);
  const projector = await startProjector(build, {
    topic: input.topic,
    groupId: names.name(`group-${input.tag}`),
    alias,
    redisPrefix: names.redisPrefix,
    partitions: options.partitions,
    maxBatchEvents: input.maxBatchEvents,
    ...(input.profileBase && profiledProcess(build.profileHook, input.profileBase)),
  });
  try {
    const start = await waitForFirstConsume(projector, 60_000);
    const startRss = rssMb(projector.child.pid);
    const profiler = input.profileBase
      ? new ProfilerControl(projector.child.pid, input.profileBase)
      : null;
    profiler?.start();
    const cpu = cpuWindow({
      projector: projector.child.pid,
      elasticsearch: pids.elasticsearch,
      kafka: pids.kafka,
      bench: process.pid,
    });
    const snapshot =
      input.hotThreadsAfterMs === undefined
        ? null
        : hotThreads(ctx, input.hotThreadsAfterMs).catch((e: unknown) => String(e));
    const settled = await waitForAllSettled(projector, input.total, timeoutMs);
    const end = await waitForFingerprint(ctx, alias, input.fingerprint, timeoutMs);
    const split = cpu.stop();
    const reasons = await flushReasons(projector).catch(() => ({}));
    const peak = peakRssMb(projector.child.pid);
    const profileFile = profiler ? await profiler.stop() : null;
    const snapshotText = snapshot === null ? null : await snapshot;
    await projector.child.stop();
    const activity = await indexActivity(ctx.es, alias);
    const verification = input.verify ? await verifyDocuments(ctx.es, alias, input.expected) : null;
    const inspected = input.inspect ? await input.inspect(alias) : {};
    const ms = end - start;
    return {
      ms,
      eventsPerS: (input.total * 1_000) / ms,
      peakRssMb: peak,
      startRssMb: startRss,
      cpu: split,
      counters: settled.counters,
      phases: {
        readMs: settled.allConsumedAt - start,
        settleTailMs: settled.settledAt - settled.allConsumedAt,
        visibleTailMs: end - settled.settledAt,
      },
      activity,
      verification,
      inspected,
      hotThreads: snapshotText,
      profileFile,
      flushReasons: reasons,
    };
  } finally {
    await projector.child.stop();
    await ctx.es.indices.delete({ index: `${alias}-v1` }, { ignore: [404] }).catch(() => undefined);
  }
}
