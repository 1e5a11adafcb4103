import type { HotTaskFigure } from '../figures/hot-task.figure';
import { highestLevel, writesPerTask, type InflightLevel } from '../figures/inflight.figure';
import type { RebuildFigure } from '../figures/rebuild.figure';
import type { ThroughputFigure } from '../figures/throughput.figure';
import { availableParallelism } from 'node:os';
import { spread } from '../lib/stats';
import { check, int, mb, range, sec } from './format';

/** The natural stream's level is reported as "30": the simulator keeps about that many tasks open. */
export const NATURAL_LEVEL = 30;

/** CPU microseconds the projector process used per event (process CPU time from /proc, median of the runs). */
export function cpuMicrosPerEvent(t: ThroughputFigure): number {
  return spread(t.projector.reps.map((r) => ((r.cpu.seconds.projector ?? NaN) * 1e6) / t.events))
    .median;
}

/** CPU seconds of the projector process (all its threads) per run, median of the runs. */
function projectorCpuSeconds(t: ThroughputFigure): number {
  return spread(t.projector.reps.map((r) => r.cpu.seconds.projector ?? NaN)).median;
}

/**
 * What sharing the box's cores allows, whatever the pipeline's shape: the projector's run cannot take less than the
 * CPU Elasticsearch needed for the ceiling's work plus the projector's own CPU, spread over every core. Efficiency
 * above `ceiling ÷ that` would need less CPU on one side, not more overlap.
 */
export function sharedCoresBound(
  t: ThroughputFigure,
  cores = availableParallelism(),
): { esCeilingCpuS: number; projectorCpuS: number; boundMs: number; efficiencyBound: number } {
  const esCeilingCpuS = spread(
    t.esCeiling.reps.map((r) => r.cpu?.seconds.elasticsearch ?? NaN),
  ).median;
  const projectorCpuS = projectorCpuSeconds(t);
  const boundMs = ((esCeilingCpuS + projectorCpuS) / cores) * 1_000;
  const ceilingMs = t.esCeiling.ms.median;
  return {
    esCeilingCpuS,
    projectorCpuS,
    boundMs,
    efficiencyBound: ceilingMs / Math.max(ceilingMs, boundMs),
  };
}

/**
 * What the projector's one JavaScript thread allows: a thread cannot run longer than the run lasts, so the run
 * takes at least the main thread's CPU time, however Elasticsearch's work overlaps it. Null for results recorded
 * before the main thread was measured.
 */
export function oneThreadBound(
  t: ThroughputFigure,
): { mainThreadCpuS: number; processCpuS: number; efficiencyBound: number } | null {
  const main = t.projector.reps.map((r) => r.cpu.mainThreadSeconds?.projector);
  if (main.some((s) => s === undefined)) return null;
  const mainThreadCpuS = spread(main as number[]).median;
  const processCpuS = projectorCpuSeconds(t);
  const ceilingMs = t.esCeiling.ms.median;
  return {
    mainThreadCpuS,
    processCpuS,
    efficiencyBound: ceilingMs / Math.max(ceilingMs, mainThreadCpuS * 1_000),
  };
}

/**
 * Medians over the runs of where the time went (RunPhases) and of the share of the run with a flush in flight: the
 * pipeline's shape, which the shared-cores bound does not see. Reading while no flush is in flight is a bubble on
 * Elasticsearch's side; the two tails are time in which the projector has nothing left to fold.
 */
export function runPhaseSplit(t: ThroughputFigure): {
  readMs: number;
  settleTailMs: number;
  visibleTailMs: number;
  flushInFlightShare: number;
} {
  const mid = (pick: (r: ThroughputFigure['projector']['reps'][number]) => number): number =>
    spread(t.projector.reps.map(pick)).median;
  return {
    readMs: mid((r) => r.phases.readMs),
    settleTailMs: mid((r) => r.phases.settleTailMs),
    visibleTailMs: mid((r) => r.phases.visibleTailMs),
    flushInFlightShare: mid((r) => (r.counters.flushSeconds * 1_000) / r.ms),
  };
}

function phaseText(t: ThroughputFigure): string {
  const p = runPhaseSplit(t);
  return `${sec(p.readMs)} / ${sec(p.settleTailMs)} / ${sec(p.visibleTailMs)}; ${Math.round(p.flushInFlightShare * 100)} %`;
}

function allLevels(
  t: ThroughputFigure,
  levels: readonly InflightLevel[],
): Omit<InflightLevel, 'topic'>[] {
  const natural = {
    inflight: NATURAL_LEVEL,
    inflightMean: NaN,
    figure: t,
    writesPerTask: writesPerTask(t),
  };
  return [natural, ...levels];
}

/** `projector.inflight.<level>.{events_per_s, efficiency, writes_per_task}` and the details behind them. */
export function inflightResults(
  t: ThroughputFigure,
  levels: readonly InflightLevel[],
): Record<string, unknown> {
  return Object.fromEntries(
    allLevels(t, levels).map((l) => [
      String(l.inflight),
      {
        events_per_s: l.figure.projector.eventsPerS.median,
        efficiency: l.figure.efficiency,
        writes_per_task: l.writesPerTask,
        cpu_us_per_event: cpuMicrosPerEvent(l.figure),
        inflight_mean: Number.isNaN(l.inflightMean) ? null : l.inflightMean,
        time_ms: l.figure.projector.ms,
        es_ceiling_ms: l.figure.esCeiling.ms,
        kafka_ceiling_ms: l.figure.kafkaCeiling.ms,
        shared_cores_bound: sharedCoresBound(l.figure),
        one_thread_bound: oneThreadBound(l.figure),
        phases: runPhaseSplit(l.figure),
        peak_rss_mb: Math.max(...l.figure.projector.reps.map((r) => r.peakRssMb ?? 0)),
        verified: l.figure.allVerified,
      },
    ]),
  );
}

/** Headline rows of figure 1 at each in-flight level, with the targets. */
export function inflightRows(t: ThroughputFigure, levels: readonly InflightLevel[]): string[][] {
  const rows: string[][] = [];
  for (const l of allLevels(t, levels)) {
    const f = l.figure;
    const at =
      l.inflight === NATURAL_LEVEL
        ? 'natural stream (~30 in flight)'
        : `${int(l.inflight)} in flight`;
    rows.push(
      [
        '1',
        `${at}: projector / ES ceiling / Kafka ceiling`,
        `${int(f.projector.eventsPerS.median)} events/s (${sec(f.projector.ms.median)}) / ${sec(f.esCeiling.ms.median)} / ${sec(f.kafkaCeiling.ms.median)}`,
        range(f.projector.eventsPerS, int),
        '',
      ],
      [
        '1',
        `${at}: efficiency`,
        f.efficiency.toFixed(2),
        '',
        `≥ 0.8 ${check(f.efficiency >= 0.8)}`,
      ],
      [
        '1',
        `${at}: writes per task, CPU per event, peak RSS, documents equal`,
        `${l.writesPerTask.toFixed(2)}, ${cpuMicrosPerEvent(f).toFixed(1)} µs, ${mb(Math.max(...f.projector.reps.map((r) => r.peakRssMb ?? 0)))}, ${f.allVerified ? 'yes' : 'MISMATCH'}`,
        '',
        l.inflight >= 10_000 ? `≤ 1.2 writes/task ${check(l.writesPerTask <= 1.2)}` : '',
      ],
      [
        '1',
        `${at}: efficiency the shared cores allow (ES CPU of the ceiling + projector CPU, over ${availableParallelism()} cores)`,
        sharedBoundText(f),
        '',
        '',
      ],
      [
        '1',
        `${at}: efficiency the projector's main thread allows (its CPU time is a floor on the run's)`,
        oneThreadBoundText(f),
        '',
        '',
      ],
      [
        '1',
        `${at}: reading / writing after the last read / waiting for the refresh; share of the run with a flush in flight`,
        phaseText(f),
        '',
        '',
      ],
    );
  }
  return rows;
}

/** `projector.rebuild.{events_per_s, writes_per_task}` and the details behind them. */
export function rebuildResults(r: RebuildFigure): Record<string, unknown> {
  return {
    events_per_s: r.eventsPerS.median,
    writes_per_task: r.writesPerTask,
    events_per_s_spread: r.eventsPerS,
    cpu_us_per_event: r.cpuMicrosPerEvent,
    peak_rss_mb: r.peakRssMb,
    inflight: r.inflight,
    tasks: r.tasks,
    verified: r.allVerified,
    runs: r.reps,
  };
}

/** `projector.hot_task.document_bytes` and the details behind it. */
export function hotTaskResults(h: HotTaskFigure): Record<string, unknown> {
  return {
    document_bytes: h.documentBytes,
    document_writes: h.documentWrites,
    cpu_us_per_document_write: h.cpuMicrosPerDocumentWrite,
    extra_cpu_s: h.extraCpuSeconds,
    rest_events_per_s: h.restEventsPerS.median,
    rest_events_per_s_spread: h.restEventsPerS,
    rest_ratio_to_natural: h.restRatioToBaseline,
    resource_events: h.resourceEvents,
    normal_events: h.normalEvents,
    verified: h.allVerified,
    runs: h.reps.map(({ hotThreads: _h, profileFile: _p, ...rep }) => rep),
  };
}

/** Peak RSS of the projector over figure 1's runs at the highest in-flight level (the issue's memory target). */
export function peakRssAtHighest(levels: readonly InflightLevel[]): {
  inflight: number;
  mb: number;
} | null {
  const top = highestLevel(levels);
  if (!top) return null;
  return {
    inflight: top.inflight,
    mb: Math.max(...top.figure.projector.reps.map((r) => r.peakRssMb ?? 0)),
  };
}

/** Rows of the hot task, the rebuild and the memory target at the highest level (whichever ran). */
export function extraProjectorRows(
  levels: readonly InflightLevel[],
  hot: HotTaskFigure | null,
  rebuild: RebuildFigure | null,
): string[][] {
  const rows: string[][] = [];
  const rss = peakRssAtHighest(levels);
  if (rss)
    rows.push([
      '5',
      `projector peak RSS at ${int(rss.inflight)} in flight (figure 1 runs)`,
      mb(rss.mb),
      '',
      rss.inflight >= 10_000 ? `≤ 512 MiB ${check(rss.mb <= 512)}` : '',
    ]);
  if (hot)
    rows.push(
      [
        '1',
        `hot task (${int(hot.resourceEvents)} resource events among ${int(hot.normalEvents)} others): document bytes, writes of it, CPU per write`,
        `${int(hot.documentBytes)} B, ${int(hot.documentWrites)}, ${int(hot.cpuMicrosPerDocumentWrite)} µs`,
        '',
        '',
      ],
      [
        '1',
        'hot task: throughput of the other events (ratio to the natural stream without it)',
        `${int(hot.restEventsPerS.median)} events/s (${hot.restRatioToBaseline.toFixed(2)}), documents ${hot.allVerified ? 'equal' : 'MISMATCH'}`,
        range(hot.restEventsPerS, int),
        '',
      ],
    );
  if (rebuild)
    rows.push([
      '1',
      `\`projector rebuild\` of the ${int(rebuild.inflight)}-in-flight topic: events/s, writes per task`,
      `${int(rebuild.eventsPerS.median)} events/s, ${rebuild.writesPerTask.toFixed(2)}, documents ${rebuild.allVerified ? 'equal' : 'MISMATCH'}`,
      range(rebuild.eventsPerS, int),
      `≤ 1.2 writes/task ${check(rebuild.writesPerTask <= 1.2)}`,
    ]);
  return rows;
}

function oneThreadBoundText(f: ThroughputFigure): string {
  const b = oneThreadBound(f);
  if (b === null) return 'not measured';
  return `${b.efficiencyBound.toFixed(2)} (${b.mainThreadCpuS.toFixed(1)} CPU s on the main thread, ${b.processCpuS.toFixed(1)} in the process)`;
}

function sharedBoundText(f: ThroughputFigure): string {
  const b = sharedCoresBound(f);
  return `${b.efficiencyBound.toFixed(2)} (${b.esCeilingCpuS.toFixed(1)} + ${b.projectorCpuS.toFixed(1)} CPU s)`;
}
