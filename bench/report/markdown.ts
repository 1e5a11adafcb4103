import { spread } from '../lib/stats';
import { cpuTable } from './cpu-table';
import { apiSizesTable } from './api-sizes';
import { perQueryTable, sweepTable, table } from './detail-tables';
import { check, int, mb, ms, range, sec, x } from './format';
import { profileLines } from './profile-lines';
import { freshnessRows } from './freshness-rows';
import { cpuMicrosPerEvent, extraProjectorRows, inflightRows } from './projector-levels';
import type { ApiFigures } from '../figures/api-part';
import type { Figures, ProjectorFigures, RunFacts } from './results';

function workLine(t: Figures['throughput']): string {
  const reps = t.projector.reps;
  const mid = (values: number[]): number => spread(values).median;
  const flushes = mid(reps.map((r) => r.counters.flushes));
  const bulkShare = mid(reps.map((r) => (r.counters.bulkSeconds * 1_000) / r.ms));
  const writes = mid(reps.map((r) => r.activity.indexOps / t.tasks));
  return `${int(flushes)} flushes, ${Math.round(bulkShare * 100)} % in bulk, ${writes.toFixed(2)} writes/task`;
}

/** The run as markdown: the headline table (the one docs/performance.md shows), then the details behind it. */
export function markdownReport(facts: RunFacts, f: Figures): string {
  const m = facts.machine;
  const t = f.throughput;
  const o = facts.options;
  const speedup = t.projector.eventsPerS.median / f.perEvent.eventsPerS.median;
  const fr = f.freshness;
  const a = f.api;
  const rows: string[][] = [
    [
      '1',
      'projector throughput',
      `${int(t.projector.eventsPerS.median)} events/s (${sec(t.projector.ms.median)})`,
      range(t.projector.eventsPerS, int),
      '',
    ],
    [
      '1',
      'raw Elasticsearch ceiling (bulk the final docs)',
      sec(t.esCeiling.ms.median),
      range(t.esCeiling.ms, sec),
      '',
    ],
    [
      '1',
      `raw Elasticsearch ceiling at the projector's bulk size (${int(t.esCeilingAtProjectorBulk.docsPerBulk)} docs)`,
      sec(t.esCeilingAtProjectorBulk.ms.median),
      range(t.esCeilingAtProjectorBulk.ms, sec),
      '',
    ],
    [
      '1',
      'raw Kafka ceiling (consume + JSON.parse)',
      sec(t.kafkaCeiling.ms.median),
      range(t.kafkaCeiling.ms, sec),
      '',
    ],
    [
      '1',
      `efficiency = max(ceilings) / projector (${t.bindingCeiling})`,
      t.efficiency.toFixed(2),
      '',
      `≥ 0.8 ${check(t.efficiency >= 0.8)}`,
    ],
    [
      '1',
      'projector work: flushes, time waiting on bulk, document writes per task',
      workLine(t),
      '',
      '',
    ],
    [
      '1',
      'documents checked against projectJobTask',
      t.allVerified ? `all ${int(t.tasks)} equal` : 'MISMATCH',
      '',
      check(t.allVerified),
    ],
    ...inflightRows(t, f.inflight).slice(3),
    [
      '1',
      'projector CPU per event (process CPU time / events, natural stream)',
      `${cpuMicrosPerEvent(t).toFixed(1)} µs`,
      '',
      `≤ 10 µs ${check(cpuMicrosPerEvent(t) <= 10)}`,
    ],
    ...extraProjectorRows(f.inflight, f.hotTask, f.rebuild),
    [
      '2',
      `per-event baseline (${f.perEvent.subset ? `first ${int(f.perEvent.eventsPerRep)} events` : 'whole topic'}, ${f.perEvent.concurrency} partitions in parallel)`,
      `${int(f.perEvent.eventsPerS.median)} events/s`,
      range(f.perEvent.eventsPerS, int),
      '',
    ],
    ['2', 'speed-up vs per-event', x(speedup), '', `≥ 10× ${check(speedup >= 10)}`],
    ...freshnessRows(fr),
    [
      '4',
      `API list p50 / p99 (c=${a.connections}, ${int(f.apiIndex.documents)} tasks)`,
      `${ms(a.list.api.p50.median)} / ${ms(a.list.api.p99.median)}`,
      `p50 ${range(a.list.api.p50, ms)}`,
      '',
    ],
    [
      '4',
      'same list requests direct to Elasticsearch p50 / p99',
      `${ms(a.list.direct.p50.median)} / ${ms(a.list.direct.p99.median)}`,
      `p50 ${range(a.list.direct.p50, ms)}`,
      '',
    ],
    [
      '4',
      'list p50 ratio API / direct',
      x(a.list.p50Ratio),
      '',
      `≤ 1.3× ${check(a.list.p50Ratio <= 1.3)}`,
    ],
    [
      '4',
      'API stat p50 / p99',
      `${ms(a.stat.api.p50.median)} / ${ms(a.stat.api.p99.median)}`,
      `p50 ${range(a.stat.api.p50, ms)}`,
      '',
    ],
    [
      '4',
      'same stat requests direct to Elasticsearch p50 / p99',
      `${ms(a.stat.direct.p50.median)} / ${ms(a.stat.direct.p99.median)}`,
      `p50 ${range(a.stat.direct.p50, ms)}`,
      '',
    ],
    [
      '4',
      'stat p50 ratio API / direct',
      x(a.stat.p50Ratio),
      '',
      `≤ 1.3× ${check(a.stat.p50Ratio <= 1.3)}`,
    ],
    [
      '4',
      'cache hit p50 / p99 (c=1)',
      `${ms(a.cacheHits.c1.p50.median)} / ${ms(a.cacheHits.c1.p99.median)}`,
      `p50 ${range(a.cacheHits.c1.p50, ms)}`,
      `p50 ≤ 2 ms ${check(a.cacheHits.c1.p50.median <= 2)}`,
    ],
    [
      '5',
      'projector peak RSS (figure 1 natural runs, freshness run)',
      mb(Math.max(...t.projector.reps.map((r) => r.peakRssMb ?? 0), fr.projectorPeakRssMb ?? 0)),
      '',
      '',
    ],
    [
      '5',
      'API peak RSS (no cache / cache)',
      `${mb(f.apiPeakRssMb.uncached)} / ${mb(f.apiPeakRssMb.cached)}`,
      '',
      '',
    ],
  ];
  return [
    `**Machine:** ${m.cores} cores (${m.cpu_model}), ${m.memory_gib} GiB, Node ${m.node}, Elasticsearch ${m.elasticsearch} (heap ${m.es_heap}), Kafka ${m.kafka}.`,
    '',
    `**Workload:** ${int(facts.workload.events)} events over ${int(facts.workload.tasks)} tasks (simulator seed ${o.seed}), ${o.partitions} partitions, PROJECTOR_MAX_BATCH_EVENTS ${int(o.maxBatchEvents)}; ${o.reps} repetitions, median shown with min – max. Run ${facts.runId}.`,
    '',
    table(['fig', 'figure', 'median', 'spread', 'target'], rows),
    '',
    'CPU (average cores in the measured window, medians of the repetitions; "rest of the box" is other work on the shared machine, "stolen" is time the hypervisor gave to other guests):',
    '',
    cpuTable(f),
    '',
    'Self time of the node processes (V8 sampling profiles of extra, unmeasured runs):',
    '',
    profileLines(f),
    '',
    perQueryTable(a),
    '',
    apiSizesTable(f.apiBySize),
    '',
    sweepTable(f.memory),
  ].join('\n');
}

/** `--projector-only`: figure 1 at every in-flight level, the hot task, the rebuild, 3 and the memory sweeps. */
export function projectorOnlyReport(facts: RunFacts, f: ProjectorFigures): string {
  const o = facts.options;
  const t = f.throughput;
  const rows = [
    ...inflightRows(t, f.inflight),
    [
      '1',
      'projector CPU per event (process CPU time / events, natural stream)',
      `${cpuMicrosPerEvent(t).toFixed(1)} µs`,
      '',
      `≤ 10 µs ${check(cpuMicrosPerEvent(t) <= 10)}`,
    ],
    ...extraProjectorRows(f.inflight, f.hotTask, f.rebuild),
    ...freshnessRows(f.freshness),
  ];
  return [
    `**Workload:** ${int(facts.workload.events)} events over ${int(facts.workload.tasks)} tasks (seed ${o.seed}), ${o.partitions} partitions; ${o.reps} repetitions. Run ${facts.runId}.`,
    '',
    table(['fig', 'figure', 'median', 'spread', 'target'], rows),
    '',
    'Self time of the projector (V8 sampling profile of an extra, unmeasured natural-stream run):',
    '',
    profileLines(f),
    '',
    sweepTable(f.memory),
  ].join('\n');
}

/** `--api-only`: figure 4 per query and by index size. */
export function apiOnlyReport(facts: RunFacts, f: ApiFigures): string {
  return [
    `**API index:** ${int(f.apiIndex.documents)} documents (copies of ${int(facts.workload.tasks)} simulated tasks, seed ${facts.options.seed}); ${facts.options.connections} connections. Run ${facts.runId}.`,
    '',
    perQueryTable(f.api),
    '',
    apiSizesTable(f.apiBySize),
  ].join('\n');
}
