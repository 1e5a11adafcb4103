import { writesPerTask, type InflightLevel } from '../figures/inflight.figure';
import type { ThroughputFigure } from '../figures/throughput.figure';
import { spread } from '../lib/stats';
import { check, int, mb, range, sec } from './format';

/** The natural stream's level is reported as "30": the simulator keeps about that many tasks open. */
export const NATURAL_LEVEL = 30;

/** CPU microseconds the projector process used per event (process CPU time from /proc, median of the runs). */
export function cpuMicrosPerEvent(t: ThroughputFigure): number {
  return spread(t.projector.reps.map((r) => ((r.cpu.seconds.projector ?? NaN) * 1e6) / t.events))
    .median;
}

function allLevels(t: ThroughputFigure, levels: readonly InflightLevel[]): InflightLevel[] {
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
    );
  }
  return rows;
}
