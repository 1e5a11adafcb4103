import {
  jobTaskDocumentId,
  projectJobTask,
  type JobTaskDocument,
  type JobTaskEvent,
} from '@app/domain';
import type { BenchContext } from '../lib/context';
import { fingerprintOf, verified } from '../lib/elastic';
import { hotTaskMessages, spliceEvenly } from '../lib/hot-task';
import { createTopic, produceAll } from '../lib/kafka';
import { log } from '../lib/log';
import { repeat } from '../lib/repeat';
import { spread, type Spread } from '../lib/stats';
import { decodeAll, type BenchMessage } from '../lib/workload';
import { projectorRep, type ProjectorRep } from './projector-rep';
import type { ThroughputFigure } from './throughput.figure';

export interface HotTaskFigure {
  resourceEvents: number;
  normalEvents: number;
  /** Bytes of the hot task's final document as stored (its `_source`, checked equal to the pure fold). */
  documentBytes: number;
  /** Times Elasticsearch indexed the hot document (its `_version`), median of the runs. */
  documentWrites: number;
  /**
   * CPU of one write of the hot document at its final size, measured in this process (median of
   * HOT_WRITE_ROUNDS): the document read back into facts, one event folded in, the new document rendered as JSON.
   * That is what the projector repeats for every write of a document it has no facts of in memory.
   */
  cpuMicrosPerDocumentWrite: number;
  /**
   * Projector CPU of a hot run minus the median of figure 1's natural runs over the same normal traffic: both are
   * whole-run CPU times, so on a shared box it is indicative only, and may come out below zero.
   */
  extraCpuSeconds: number;
  /** Normal events per second of the run with the hot task, against figure 1's natural runs without it. */
  restEventsPerS: Spread;
  restRatioToBaseline: number;
  allVerified: boolean;
  reps: ProjectorRep[];
  discarded: string[];
}

const HOT_TASK_ID = 'job-task-hot';
const HOT_WRITE_ROUNDS = 21;

/**
 * The hot task: one task receiving `hotEvents` resource events dealt evenly through the natural stream of figure 1,
 * so it is open for the whole run and every flush window carries some of it. Figure 1's natural runs over the same
 * normal traffic are the baseline.
 */
export async function hotTaskFigure(
  ctx: BenchContext,
  normal: readonly BenchMessage[],
  expected: ReadonlyMap<string, JobTaskDocument>,
  baseline: ThroughputFigure,
): Promise<HotTaskFigure> {
  const { options, names } = ctx;
  const first = decodeAll(normal.slice(0, 1))[0];
  if (!first) throw new Error('hot task: the normal stream is empty');
  const hot = hotTaskMessages({
    domainId: first.domain_id,
    jobTaskId: HOT_TASK_ID,
    resourceEvents: options.hotEvents,
    startAt: new Date(first.occurred_at).toISOString(),
  });
  const hotId = jobTaskDocumentId(first.domain_id, HOT_TASK_ID);
  const hotEvents = decodeAll(hot);
  const hotDocument = projectJobTask(null, hotEvents).document;
  const all = new Map(expected).set(hotId, hotDocument);
  const stream = spliceEvenly(normal, hot);
  const topic = names.name('hot-task');
  await createTopic(ctx.kafka, topic, options.partitions);
  await produceAll(ctx.kafka, topic, stream);
  log(`hot task: ${hot.length} events of one task among ${normal.length} others`);
  const fingerprint = fingerprintOf(all.values());
  const attempted = await repeat('hot task', options.hotReps, (n) =>
    projectorRep(ctx, {
      topic,
      total: stream.length,
      expected: all,
      fingerprint,
      maxBatchEvents: options.maxBatchEvents,
      tag: `hot-${n}`,
      verify: true,
      inspect: async (alias) => {
        const got = await ctx.es.get({ index: alias, id: hotId, _source: false });
        return { hotVersion: got._version ?? NaN };
      },
    }),
  );
  const reps = attempted.results;
  for (const r of reps)
    log(
      `hot task run: ${Math.round((normal.length * 1_000) / r.ms)} other events/s, hot document written ${r.inspected.hotVersion ?? '?'} times`,
    );
  const cpuOf = (r: ProjectorRep): number => r.cpu.seconds.projector ?? NaN;
  const baselineCpu = spread(baseline.projector.reps.map(cpuOf)).median;
  const documentWrites = spread(reps.map((r) => r.inspected.hotVersion ?? NaN)).median;
  const extraCpuSeconds = spread(reps.map(cpuOf)).median - baselineCpu;
  const restEventsPerS = spread(reps.map((r) => (normal.length * 1_000) / r.ms));
  return {
    resourceEvents: options.hotEvents,
    normalEvents: normal.length,
    documentBytes: Buffer.byteLength(JSON.stringify(hotDocument)),
    documentWrites,
    cpuMicrosPerDocumentWrite: cpuMicrosPerHotWrite(hotEvents),
    extraCpuSeconds,
    restEventsPerS,
    restRatioToBaseline: restEventsPerS.median / baseline.projector.eventsPerS.median,
    allVerified: reps.every((r) => r.verification !== null && verified(r.verification)),
    reps,
    discarded: attempted.discarded,
  };
}

/** See HotTaskFigure.cpuMicrosPerDocumentWrite: the last event folded into the document of all the others. */
function cpuMicrosPerHotWrite(events: readonly JobTaskEvent[]): number {
  const last = events.slice(-1);
  const stored = projectJobTask(null, events.slice(0, -1)).document;
  if (projectJobTask(stored, last).applied.length !== 1)
    throw new Error('hot task: the last event did not change the document');
  const samples: number[] = [];
  for (let round = 0; round < HOT_WRITE_ROUNDS; round += 1) {
    const start = process.cpuUsage();
    JSON.stringify(projectJobTask(stored, last).document);
    const used = process.cpuUsage(start);
    samples.push(used.user + used.system);
  }
  return spread(samples).median;
}
