import type { JobTaskDocument } from '@app/domain';
import { freePort, startNode } from '../lib/child';
import type { BenchContext } from '../lib/context';
import { indexActivity, verified, verifyDocuments, type IndexActivity } from '../lib/elastic';
import { log } from '../lib/log';
import { cpuWindow, peakRssMb, type CpuSplit } from '../lib/proc';
import { projectorEnv } from '../lib/projector-process';
import { repeat } from '../lib/repeat';
import { stackPids } from '../lib/stack';
import { spread, type Spread } from '../lib/stats';

/** The line `projector rebuild` logs once the alias is swapped and the catch-up is done (rebuild.command.ts). */
const FINISHED = 'rebuild finished; the previous index is kept for rollback';

export interface RebuildRep {
  /** The command's own duration (from its start to the end of the catch-up) and the events it replayed. */
  commandMs: number;
  events: number;
  eventsPerS: number;
  /** Spawn to exit of the process: Nest start-up, group join, replay, swap, catch-up and shutdown. */
  processMs: number;
  index: string;
  activity: IndexActivity;
  /** CPU of the rebuild process from its spawn to the finished line, and of the stack meanwhile. */
  cpu: CpuSplit;
  peakRssMb: number | null;
  verified: boolean;
}

export interface RebuildFigure {
  topic: string;
  inflight: number;
  tasks: number;
  eventsPerS: Spread;
  writesPerTask: number;
  cpuMicrosPerEvent: number;
  peakRssMb: number | null;
  allVerified: boolean;
  reps: RebuildRep[];
  discarded: string[];
}

interface FinishedLine {
  msg?: string;
  index?: string;
  events?: number;
  durationMs?: number;
}

function finishedLine(line: string): FinishedLine | null {
  if (!line.includes(FINISHED)) return null;
  try {
    const parsed = JSON.parse(line) as FinishedLine;
    return parsed.msg === FINISHED ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * The rebuild figure: `projector rebuild` (the real command, as a process, like an operator runs it) over
 * the topic of the highest in-flight level, into a fresh alias. Writes per task are Elasticsearch's index
 * operations on the new index divided by the tasks, as figure 1 counts them.
 */
export async function rebuildFigure(
  ctx: BenchContext,
  level: { topic: string; inflight: number; events: number },
  expected: ReadonlyMap<string, JobTaskDocument>,
): Promise<RebuildFigure> {
  const attempted = await repeat('rebuild', ctx.options.rebuildReps, (n) =>
    rebuildRep(ctx, level, expected, n),
  );
  const reps = attempted.results;
  const peaks = reps.map((r) => r.peakRssMb).filter((v): v is number => v !== null);
  return {
    topic: level.topic,
    inflight: level.inflight,
    tasks: expected.size,
    eventsPerS: spread(reps.map((r) => r.eventsPerS)),
    writesPerTask: spread(reps.map((r) => r.activity.indexOps / expected.size)).median,
    cpuMicrosPerEvent: spread(
      reps.map((r) => ((r.cpu.seconds.projector ?? NaN) * 1e6) / Math.max(1, r.events)),
    ).median,
    peakRssMb: peaks.length === 0 ? null : Math.max(...peaks),
    allVerified: reps.every((r) => r.verified),
    reps,
    discarded: attempted.discarded,
  };
}

async function rebuildRep(
  ctx: BenchContext,
  level: { topic: string; inflight: number; events: number },
  expected: ReadonlyMap<string, JobTaskDocument>,
  attempt: number,
): Promise<RebuildRep> {
  const { names, build, options } = ctx;
  const alias = names.name(`alias-rebuild-${attempt}`);
  const groupId = names.name(`group-rebuild-${attempt}`);
  const pids = await stackPids();
  const timeoutMs = Math.max(180_000, level.events * 5);
  // Filled from the output callback: the CPU window and the peak RSS are read on the finished line, while the
  // process still lives (its /proc entry goes with it).
  const seen: { finished: FinishedLine | null; cpu: CpuSplit | null; peak: number | null } = {
    finished: null,
    cpu: null,
    peak: null,
  };
  const port = await freePort();
  const spawnedAt = performance.now();
  let window: ReturnType<typeof cpuWindow> | null = null;
  let pid = 0;
  const child = startNode(
    'projector-rebuild',
    ['-r', 'tsconfig-paths/register', build.projectorMain, 'rebuild'],
    {
      ...projectorEnv(
        build,
        {
          topic: level.topic,
          groupId,
          alias,
          redisPrefix: names.redisPrefix,
          partitions: options.partitions,
          maxBatchEvents: options.maxBatchEvents,
        },
        port,
      ),
      LOG_LEVEL: 'info',
    },
    (line) => {
      const done = finishedLine(line);
      if (done === null || seen.finished !== null) return;
      seen.finished = done;
      seen.cpu = window?.stop() ?? null;
      seen.peak = peakRssMb(pid);
    },
  );
  pid = child.pid;
  window = cpuWindow({
    projector: pid,
    elasticsearch: pids.elasticsearch,
    kafka: pids.kafka,
    bench: process.pid,
  });
  let index: string | null = null;
  try {
    const code = await Promise.race([
      child.exited,
      new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), timeoutMs).unref()),
    ]);
    const processMs = performance.now() - spawnedAt;
    if (code === 'timeout') throw new Error(`rebuild did not finish in ${timeoutMs} ms`);
    const { finished: line, cpu, peak } = seen;
    if (code !== 0 || line === null || cpu === null)
      throw new Error(`rebuild exited with ${code} without finishing:\n${child.tail()}`);
    index = line.index ?? `${alias}-v1`;
    const commandMs = line.durationMs ?? processMs;
    const events = line.events ?? level.events;
    const activity = await indexActivity(ctx.es, index);
    const verification = await verifyDocuments(ctx.es, alias, expected);
    const rep: RebuildRep = {
      commandMs,
      events,
      eventsPerS: (events * 1_000) / commandMs,
      processMs,
      index,
      activity,
      cpu,
      peakRssMb: peak,
      verified: verified(verification),
    };
    log(
      `rebuild ${attempt + 1}: ${Math.round(rep.eventsPerS)} events/s, ${(activity.indexOps / expected.size).toFixed(2)} writes/task, verified=${rep.verified}`,
    );
    return rep;
  } finally {
    await child.stop();
    await ctx.es.indices
      .delete({ index: index ?? `${alias}-v1` }, { ignore: [404] })
      .catch(() => undefined);
  }
}
