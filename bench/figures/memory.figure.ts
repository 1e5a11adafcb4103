import type { JobTaskEvent } from '@app/domain';
import type { BenchContext } from '../lib/context';
import { fingerprintOf, verified } from '../lib/elastic';
import { createTopic, produceAll } from '../lib/kafka';
import { log } from '../lib/log';
import { repeat } from '../lib/repeat';
import { expectedDocuments, inflightOf, interleave, type BenchMessage } from '../lib/workload';
import { projectorRep } from './projector-rep';

export interface SweepPoint {
  maxBatchEvents: number;
  /** Mean tasks open at a point of the stream (the natural stream has few; interleaving raises it). */
  inflightMean: number;
  events: number;
  eventsPerS: number;
  peakRssMb: number | null;
  startRssMb: number | null;
  avgFlushMessages: number;
  avgBulkMs: number;
  /** Share of the run the projector spent waiting on bulk requests. */
  bulkShare: number;
  /** Document writes Elasticsearch performed per task: 1 is the floor (every task's final document once). */
  writesPerTask: number;
  verified: boolean;
}

export interface MemoryFigure {
  events: number;
  batch: SweepPoint[];
  inflight: SweepPoint[];
  discarded: string[];
}

/**
 * Figure 5's sweeps: one projector run per PROJECTOR_MAX_BATCH_EVENTS value on the natural stream, and one per
 * in-flight task count (the same events dealt round-robin over that many tasks) at the default batch size. One
 * run per point: peaks repeat within a few MiB, and the default point is also measured thrice in figure 1.
 */
export async function memoryFigure(
  ctx: BenchContext,
  messages: readonly BenchMessage[],
  events: readonly JobTaskEvent[],
): Promise<MemoryFigure> {
  const { options, names } = ctx;
  const n = Math.min(options.sweepEvents, messages.length);
  const natural = messages.slice(0, n);
  const expected = expectedDocuments(events.slice(0, n));
  const fingerprint = fingerprintOf(expected.values());
  const discarded: string[] = [];

  const point = async (
    stream: readonly BenchMessage[],
    topic: string,
    maxBatchEvents: number,
    tag: string,
  ): Promise<SweepPoint> => {
    const attempted = await repeat(`memory ${tag}`, 1, (k) =>
      projectorRep(ctx, {
        topic,
        total: n,
        expected,
        fingerprint,
        maxBatchEvents,
        tag: `${tag}-${k}`,
        verify: true,
      }),
    );
    discarded.push(...attempted.discarded);
    const rep = attempted.results[0];
    if (!rep) throw new Error(`memory ${tag}: no result`);
    const c = rep.counters;
    const p: SweepPoint = {
      maxBatchEvents,
      inflightMean: inflightOf(stream).mean,
      events: n,
      eventsPerS: rep.eventsPerS,
      peakRssMb: rep.peakRssMb,
      startRssMb: rep.startRssMb,
      avgFlushMessages: c.flushes === 0 ? 0 : c.flushMessages / c.flushes,
      avgBulkMs: c.bulks === 0 ? 0 : (c.bulkSeconds * 1_000) / c.bulks,
      bulkShare: (c.bulkSeconds * 1_000) / rep.ms,
      writesPerTask: rep.activity.indexOps / expected.size,
      verified: rep.verification !== null && verified(rep.verification),
    };
    log(
      `memory ${tag}: peak ${Math.round(p.peakRssMb ?? NaN)} MiB, ${Math.round(p.eventsPerS)} events/s`,
    );
    return p;
  };

  const naturalTopic = names.name('sweep-natural');
  await createTopic(ctx.kafka, naturalTopic, options.partitions);
  await produceAll(ctx.kafka, naturalTopic, natural);
  const batch: SweepPoint[] = [];
  for (const size of options.batchSweep)
    batch.push(await point(natural, naturalTopic, size, `batch-${size}`));

  const inflight: SweepPoint[] = [];
  for (const tasks of options.inflightSweep) {
    const stream = interleave(natural, tasks);
    const topic = names.name(`sweep-inflight-${tasks}`);
    await createTopic(ctx.kafka, topic, options.partitions);
    await produceAll(ctx.kafka, topic, stream);
    inflight.push(await point(stream, topic, options.maxBatchEvents, `inflight-${tasks}`));
  }
  return { events: n, batch, inflight, discarded };
}
