import type { JobTaskDocument } from '@app/domain';
import type { BenchContext } from '../lib/context';
import { log } from '../lib/log';
import type { BenchMessage } from '../lib/workload';
import { hotTaskFigure, type HotTaskFigure } from './hot-task.figure';
import { highestLevel, levelAt, type InflightLevel } from './inflight.figure';
import { rebuildFigure, type RebuildFigure } from './rebuild.figure';
import type { ThroughputFigure } from './throughput.figure';

/**
 * The rate figure 3 is paced against: the maximum figure 1 measured at `inflight` tasks in flight in this run,
 * or the natural stream's when the run has no such level (then figure 3 runs on the natural stream too).
 */
export function freshnessBasis(
  natural: ThroughputFigure,
  levels: readonly Pick<InflightLevel, 'inflight' | 'figure'>[],
  inflight: number,
): { maxRate: number; inflight: number } {
  const level = levelAt(levels, inflight);
  return level
    ? { maxRate: level.figure.projector.eventsPerS.median, inflight }
    : { maxRate: natural.projector.eventsPerS.median, inflight: 0 };
}

/** The hot task over the natural stream and the rebuild of the highest level's topic (each when asked for). */
export async function hotTaskAndRebuild(
  ctx: BenchContext,
  messages: readonly BenchMessage[],
  expected: ReadonlyMap<string, JobTaskDocument>,
  natural: ThroughputFigure,
  levels: readonly InflightLevel[],
): Promise<{ hotTask: HotTaskFigure | null; rebuild: RebuildFigure | null }> {
  const { options } = ctx;
  const hotTask =
    options.hotEvents > 0 && options.hotReps > 0
      ? await hotTaskFigure(ctx, messages, expected, natural)
      : null;
  const top = highestLevel(levels) ?? { topic: '', inflight: 0, figure: natural };
  let rebuild: RebuildFigure | null = null;
  if (options.rebuildReps > 0 && top.topic !== '') {
    log(`rebuild of the ${top.inflight}-in-flight topic ${top.topic}`);
    rebuild = await rebuildFigure(
      ctx,
      { topic: top.topic, inflight: top.inflight, events: top.figure.events },
      expected,
    );
  }
  return { hotTask, rebuild };
}
