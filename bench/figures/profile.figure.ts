import type { JobTaskDocument } from '@app/domain';
import { join } from 'node:path';
import type { BenchContext } from '../lib/context';
import { summarizeProfile, type ProfileSummary } from '../lib/cpu-profile';
import { fingerprintOf } from '../lib/elastic';
import { log } from '../lib/log';
import type { CpuSplit } from '../lib/proc';
import { repeat } from '../lib/repeat';
import { projectorRep } from './projector-rep';

export interface ProfileFigure {
  /** This run is profiled (sampling costs a few per cent) and not part of figure 1's medians. */
  eventsPerS: number;
  summary: ProfileSummary;
  cpu: CpuSplit;
  hotThreads: string | null;
}

/** One extra figure-1 run with the V8 profiler on the projector and an Elasticsearch hot-threads snapshot. */
export async function profileFigure(
  ctx: BenchContext,
  topic: string,
  expected: ReadonlyMap<string, JobTaskDocument>,
  total: number,
): Promise<ProfileFigure> {
  const attempted = await repeat('profiled projector run', 1, async (n) => {
    const profileBase = join(ctx.workDir, `projector-${n}`);
    const rep = await projectorRep(ctx, {
      topic,
      total,
      expected,
      fingerprint: fingerprintOf(expected.values()),
      maxBatchEvents: ctx.options.maxBatchEvents,
      tag: `profile-${n}`,
      profileBase,
      hotThreadsAfterMs: 2_000,
      verify: false,
    });
    if (rep.profileFile === null) throw new Error('no profile written');
    return { rep, summary: summarizeProfile(rep.profileFile) };
  });
  const result = attempted.results[0];
  if (!result) throw new Error('profiled run: no result');
  const top = result.summary.byArea
    .slice(0, 4)
    .map((a) => `${a.area} ${Math.round(a.share * 100)}%`);
  log(`profile: ${Math.round(result.rep.eventsPerS)} events/s; self time ${top.join(', ')}`);
  return {
    eventsPerS: result.rep.eventsPerS,
    summary: result.summary,
    cpu: result.rep.cpu,
    hotThreads: result.rep.hotThreads,
  };
}
