import type { ApiFigures } from '../figures/api-part';
import type { FreshnessFigure } from '../figures/freshness.figure';
import type { HotTaskFigure } from '../figures/hot-task.figure';
import { writesPerTask, type InflightLevel } from '../figures/inflight.figure';
import type { MemoryFigure } from '../figures/memory.figure';
import type { PerEventFigure } from '../figures/per-event.figure';
import type { ProfileFigure } from '../figures/profile.figure';
import type { RebuildFigure } from '../figures/rebuild.figure';
import type { ThroughputFigure } from '../figures/throughput.figure';
import type { BenchOptions } from '../lib/bench-options';
import type { MachineInfo } from '../lib/stack';
import { apiSizeResults } from './api-sizes';
import {
  cpuMicrosPerEvent,
  hotTaskResults,
  inflightResults,
  rebuildResults,
} from './projector-levels';

export interface Figures extends ApiFigures {
  throughput: ThroughputFigure;
  inflight: InflightLevel[];
  perEvent: PerEventFigure;
  freshness: FreshnessFigure & { discarded: string[] };
  memory: MemoryFigure;
  profile: ProfileFigure | null;
  hotTask: HotTaskFigure | null;
  rebuild: RebuildFigure | null;
}

/** What `--projector-only` measures: figure 1 at every level, the hot task, the rebuild, 3 and 5. */
export type ProjectorFigures = Pick<
  Figures,
  'throughput' | 'inflight' | 'memory' | 'freshness' | 'hotTask' | 'rebuild' | 'profile'
>;

export interface RunFacts {
  runId: string;
  startedAt: Date;
  finishedAt: Date;
  options: BenchOptions;
  machine: MachineInfo;
  git: { commit: string; uncommittedAppAndLibFiles: number };
  workload: {
    tasks: number;
    events: number;
    duplicates: number;
    domains: number;
    byType: Record<string, number>;
  };
}

const max = (values: (number | null)[]): number | null => {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? null : Math.max(...present);
};

function runHeader(facts: RunFacts) {
  return {
    run_id: facts.runId,
    started_at: facts.startedAt.toISOString(),
    finished_at: facts.finishedAt.toISOString(),
    duration_s: (facts.finishedAt.getTime() - facts.startedAt.getTime()) / 1_000,
    machine: facts.machine,
    git: facts.git,
    options: facts.options,
    workload: facts.workload,
  };
}

function projectorHeadline(f: ProjectorFigures) {
  const t = f.throughput;
  return {
    writes_per_task: writesPerTask(t),
    cpu_us_per_event: cpuMicrosPerEvent(t),
    inflight: inflightResults(t, f.inflight),
    rebuild: f.rebuild === null ? null : rebuildResults(f.rebuild),
    hot_task: f.hotTask === null ? null : hotTaskResults(f.hotTask),
  };
}

/** Every projector process the run measured, the rebuild's included. */
function projectorPeaks(f: ProjectorFigures): (number | null)[] {
  return [
    ...[f.throughput, ...f.inflight.map((l) => l.figure)].flatMap((x) =>
      x.projector.reps.map((r) => r.peakRssMb),
    ),
    ...(f.hotTask?.reps.map((r) => r.peakRssMb) ?? []),
    ...(f.rebuild?.reps.map((r) => r.peakRssMb) ?? []),
    f.freshness.projectorPeakRssMb,
  ];
}

function freshnessResults(fr: Figures['freshness']) {
  return {
    p50_ms: fr.api.all.p50,
    p99_ms: fr.api.all.p99,
    reader: 'API as deployed (answer cache on)',
    ...fr,
  };
}

const projectorDiscarded = (f: ProjectorFigures): string[] => [
  ...f.inflight.flatMap((l) => l.figure.discarded),
  ...(f.hotTask?.discarded ?? []),
  ...(f.rebuild?.discarded ?? []),
];

/** `npm run bench -- --projector-only`: the projector's figures alone, under the same paths as a full run. */
export function projectorOnlyDocument(
  facts: RunFacts,
  f: ProjectorFigures,
): Record<string, unknown> {
  const { throughput: t, inflight, memory } = f;
  return {
    ...runHeader(facts),
    projector: {
      events_per_s: t.projector.eventsPerS.median,
      efficiency: t.efficiency,
      ...projectorHeadline(f),
      verified:
        t.allVerified &&
        inflight.every((l) => l.figure.allVerified) &&
        (f.hotTask?.allVerified ?? true) &&
        (f.rebuild?.allVerified ?? true),
      runs: t.projector.reps.map(({ hotThreads: _h, profileFile: _p, ...rep }) => rep),
    },
    freshness: freshnessResults(f.freshness),
    profile: f.profile,
    memory: {
      projector_peak_rss_mb: max(projectorPeaks(f)),
      batch_sweep: memory.batch,
      inflight_sweep: memory.inflight,
      sweep_events: memory.events,
    },
    discarded_attempts: [
      ...t.discarded,
      ...projectorDiscarded(f),
      ...memory.discarded,
      ...f.freshness.discarded,
    ],
  };
}

/** The results file: the dotted headline paths the issue asks for, then every detail behind them. */
export function resultsDocument(facts: RunFacts, f: Figures): Record<string, unknown> {
  const t = f.throughput;
  const peaks = projectorPeaks(f);
  return {
    ...runHeader(facts),
    projector: {
      events_per_s: t.projector.eventsPerS.median,
      efficiency: t.efficiency,
      ...projectorHeadline(f),
      speedup_vs_per_event: t.projector.eventsPerS.median / f.perEvent.eventsPerS.median,
      events_per_s_spread: t.projector.eventsPerS,
      time_ms: t.projector.ms,
      es_ceiling_ms: t.esCeiling.ms,
      es_ceiling_at_projector_bulk_ms: t.esCeilingAtProjectorBulk.ms,
      projector_docs_per_bulk: t.esCeilingAtProjectorBulk.docsPerBulk,
      efficiency_vs_projector_bulk_ceiling:
        Math.max(t.esCeilingAtProjectorBulk.ms.median, t.kafkaCeiling.ms.median) /
        t.projector.ms.median,
      kafka_ceiling_ms: t.kafkaCeiling.ms,
      binding_ceiling: t.bindingCeiling,
      verified: t.allVerified,
      runs: t.projector.reps.map(({ hotThreads: _h, profileFile: _p, ...rep }) => rep),
      es_ceiling_runs: t.esCeiling.reps,
      kafka_ceiling_runs: t.kafkaCeiling.reps,
      es_ceiling_at_projector_bulk_runs: t.esCeilingAtProjectorBulk.reps,
      per_event: f.perEvent,
      profile: f.profile,
    },
    freshness: freshnessResults(f.freshness),
    api: apiSection(f),
    memory: {
      projector_peak_rss_mb: max(peaks),
      api_peak_rss_mb: max([f.apiPeakRssMb.uncached, f.apiPeakRssMb.cached]),
      api_peak_rss_by_instance_mb: f.apiPeakRssMb,
      projector_peak_rss_per_run_mb: peaks,
      batch_sweep: f.memory.batch,
      inflight_sweep: f.memory.inflight,
      sweep_events: f.memory.events,
    },
    discarded_attempts: [
      ...t.discarded,
      ...projectorDiscarded(f),
      ...f.perEvent.discarded,
      ...f.memory.discarded,
      ...f.freshness.discarded,
      ...f.api.discarded,
      ...f.apiBySize.filter((s) => s.figure !== f.api).flatMap((s) => s.figure.discarded),
    ],
  };
}

function apiSection(f: ApiFigures) {
  return {
    list_p50_ms: f.api.list.api.p50.median,
    list_p50_ratio_to_direct: f.api.list.p50Ratio,
    stat_p50_ms: f.api.stat.api.p50.median,
    stat_p50_ratio_to_direct: f.api.stat.p50Ratio,
    cache_hit_p50_ms: f.api.cacheHits.c1.p50.median,
    ...apiSizeResults(f.apiBySize),
    index: f.apiIndex,
    ...f.api,
  };
}

/** The results file of `--api-only`: figure 4's keys, the same as a full run's `api` section. */
export function apiOnlyDocument(facts: RunFacts, f: ApiFigures): Record<string, unknown> {
  return {
    ...runHeader(facts),
    api: apiSection(f),
    memory: {
      api_peak_rss_mb: max([f.apiPeakRssMb.uncached, f.apiPeakRssMb.cached]),
      api_peak_rss_by_instance_mb: f.apiPeakRssMb,
    },
  };
}
