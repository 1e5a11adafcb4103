import type { JobTaskDocument } from '@app/domain';
import type { BenchContext } from '../lib/context';
import { createTopic, produceAll } from '../lib/kafka';
import { log } from '../lib/log';
import { spread } from '../lib/stats';
import { inflightOf, interleave, type BenchMessage } from '../lib/workload';
import { throughputFigure, type ThroughputFigure } from './throughput.figure';

export interface InflightLevel {
  /** The level asked for (the round-robin interleave); `inflightMean` is what the stream really has open. */
  inflight: number;
  /** The pre-filled topic of this level (the rebuild figure replays the highest level's). */
  topic: string;
  inflightMean: number;
  figure: ThroughputFigure;
  /** Document writes Elasticsearch performed per task (median of the repetitions): 1 is the floor. */
  writesPerTask: number;
}

export function writesPerTask(figure: ThroughputFigure): number {
  return spread(figure.projector.reps.map((r) => r.activity.indexOps / figure.tasks)).median;
}

/** The level measured at exactly `inflight` tasks in flight, if the run has one. */
export function levelAt<L extends { inflight: number }>(
  levels: readonly L[],
  inflight: number,
): L | undefined {
  return levels.find((l) => l.inflight === inflight);
}

/** The level with the most tasks in flight (the rebuild figure's topic), if the run has any. */
export function highestLevel<L extends { inflight: number }>(levels: readonly L[]): L | undefined {
  return levels.reduce<L | undefined>(
    (top, l) => (top && top.inflight >= l.inflight ? top : l),
    undefined,
  );
}

/**
 * Figure 1 again at higher in-flight levels: the same events dealt round-robin over that many open tasks, so each
 * task's events lie far apart in the topic. Each level gets its own ceilings in the same run (the final documents
 * are the same, so the Elasticsearch ceiling bulks the same documents).
 */
export async function inflightFigure(
  ctx: BenchContext,
  messages: readonly BenchMessage[],
  expected: ReadonlyMap<string, JobTaskDocument>,
): Promise<InflightLevel[]> {
  const levels: InflightLevel[] = [];
  for (const inflight of ctx.options.inflightLevels) {
    const stream = interleave(messages, inflight);
    const topic = ctx.names.name(`inflight-${inflight}`);
    await createTopic(ctx.kafka, topic, ctx.options.partitions);
    await produceAll(ctx.kafka, topic, stream);
    log(`figure 1 at ${inflight} tasks in flight (${stream.length} events)`);
    const figure = await throughputFigure(ctx, topic, expected, stream.length);
    levels.push({
      inflight,
      topic,
      inflightMean: inflightOf(stream).mean,
      figure,
      writesPerTask: writesPerTask(figure),
    });
  }
  return levels;
}
