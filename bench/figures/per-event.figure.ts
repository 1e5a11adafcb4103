import { runWorker } from '../lib/child';
import type { BenchContext } from '../lib/context';
import { createReadModelIndex, indexActivity, type IndexActivity } from '../lib/elastic';
import { log } from '../lib/log';
import type { CpuSplit } from '../lib/proc';
import { repeat } from '../lib/repeat';
import { ES_URL, KAFKA_BROKERS, stackPids } from '../lib/stack';
import { spread, type Spread } from '../lib/stats';

interface PerEventTiming {
  ms: number;
  count: number;
  writes: number;
  cpu: CpuSplit | null;
}

export interface PerEventRep {
  ms: number;
  events: number;
  writes: number;
  eventsPerS: number;
  /** Measured by the worker over its active window; `worker` is the worker process itself. */
  cpu: CpuSplit | null;
}

export interface PerEventFigure {
  /** Events handled per repetition: a prefix of the figure-1 topic, or all of it. */
  eventsPerRep: number;
  subset: boolean;
  concurrency: number;
  eventsPerS: Spread;
  reps: (PerEventRep & { activity: IndexActivity })[];
  discarded: string[];
}

/**
 * Figure 2: the per-event baseline on the same topic. On a prefix of the topic when --per-event-events is
 * smaller than the topic: its rate is steady after the first second, so the rate (not the total time) is
 * compared; the report says so.
 */
export async function perEventFigure(
  ctx: BenchContext,
  topic: string,
  topicEvents: number,
): Promise<PerEventFigure> {
  const { options, names } = ctx;
  const limit =
    options.perEventEvents > 0 ? Math.min(options.perEventEvents, topicEvents) : topicEvents;
  const timeoutMs = Math.max(120_000, limit * 20);
  const attempted = await repeat('per-event baseline', options.reps, async (n) => {
    const alias = names.name(`per-event-${n}`);
    await createReadModelIndex(ctx.es, alias);
    try {
      const pids = await stackPids();
      const input = {
        pids,
        brokers: KAFKA_BROKERS,
        url: ES_URL,
        topic,
        groupId: names.name(`per-event-${n}`),
        alias,
        partitions: options.perEventConcurrency,
        limit,
        timeoutMs,
      };
      const { result } = await runWorker<PerEventTiming>(
        'per-event-projector.ts',
        input,
        timeoutMs + 30_000,
      );
      const rep: PerEventRep = {
        ms: result.ms,
        events: result.count,
        writes: result.writes,
        eventsPerS: (result.count * 1_000) / result.ms,
        cpu: result.cpu,
      };
      log(
        `per-event baseline #${n + 1}: ${Math.round(rep.eventsPerS)} events/s over ${result.count} events`,
      );
      // Realtime GETs of documents written since the last refresh make the shard refresh: the stats show it.
      return { ...rep, activity: await indexActivity(ctx.es, alias) };
    } finally {
      await ctx.es.indices.delete({ index: `${alias}-v1` }, { ignore: [404] });
    }
  });
  return {
    eventsPerRep: limit,
    subset: limit < topicEvents,
    concurrency: options.perEventConcurrency,
    eventsPerS: spread(attempted.results.map((r) => r.eventsPerS)),
    reps: attempted.results,
    discarded: attempted.discarded,
  };
}
