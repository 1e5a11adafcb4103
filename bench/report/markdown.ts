import type { Spread } from '../lib/stats';
import { cpuTable } from './cpu-table';
import { profileLines } from './profile-lines';
import type { Figures, RunFacts } from './results';

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const ms = (n: number): string => (n >= 100 ? `${int(n)} ms` : `${n.toPrecision(3)} ms`);
const sec = (n: number): string => `${(n / 1_000).toFixed(2)} s`;
const x = (n: number): string => `${n.toFixed(2)}×`;
const range = (s: Spread, f: (n: number) => string): string => `${f(s.min)} – ${f(s.max)}`;
const check = (ok: boolean): string => (ok ? '✅' : '❌');
const mb = (n: number | null): string => (n === null ? 'n/a' : `${int(n)} MiB`);

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
      'documents checked against projectJobTask',
      t.allVerified ? `all ${int(t.tasks)} equal` : 'MISMATCH',
      '',
      check(t.allVerified),
    ],
    [
      '2',
      `per-event baseline (${f.perEvent.subset ? `first ${int(f.perEvent.eventsPerRep)} events` : 'whole topic'}, ${f.perEvent.concurrency} partitions in parallel)`,
      `${int(f.perEvent.eventsPerS.median)} events/s`,
      range(f.perEvent.eventsPerS, int),
      '',
    ],
    ['2', 'speed-up vs per-event', x(speedup), '', `≥ 10× ${check(speedup >= 10)}`],
    [
      '3',
      `freshness at ${int(fr.rate)} events/s, API as deployed (cache on): p50 / p99`,
      `${ms(fr.api.all.p50)} / ${ms(fr.api.all.p99)}`,
      `p99 per window ${range(fr.api.windowP99, ms)}`,
      `p99 ≤ 2 s ${check(fr.api.all.p99 <= 2_000)}`,
    ],
    [
      '3',
      'freshness, API with cache off: p50 / p99',
      `${ms(fr.apiUncached.all.p50)} / ${ms(fr.apiUncached.all.p99)}`,
      `p99 per window ${range(fr.apiUncached.windowP99, ms)}`,
      '',
    ],
    [
      '3',
      'freshness, Elasticsearch search: p50 / p99',
      `${ms(fr.es.all.p50)} / ${ms(fr.es.all.p99)}`,
      `p99 per window ${range(fr.es.windowP99, ms)}`,
      '',
    ],
    [
      '3',
      'after the last write (tail probe): API cached / uncached / ES',
      [fr.endOfStream.api, fr.endOfStream.apiUncached, fr.endOfStream.es]
        .map((v) => (v === null ? `not within ${sec(fr.endOfStream.timeoutMs)}` : ms(v)))
        .join(' / '),
      '',
      '',
    ],
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
      'projector peak RSS (figure 1 runs, freshness run)',
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
  const table = (head: string[], body: string[][]): string =>
    [
      `| ${head.join(' | ')} |`,
      `|${head.map(() => '---').join('|')}|`,
      ...body.map((r) => `| ${r.join(' | ')} |`),
    ].join('\n');
  const queries = a.perQuery.map((q) => [
    q.kind,
    q.name,
    ms(q.api.p50),
    ms(q.direct.p50),
    x(q.p50Ratio),
    ms(q.api.p99),
    ms(q.single.api.p50),
    ms(q.single.direct.p50),
    x(q.single.api.p50 / q.single.direct.p50),
    q.sameAnswer ? 'yes' : 'NO',
  ]);
  const sweep = [...f.memory.batch, ...f.memory.inflight].map((p) => [
    int(p.maxBatchEvents),
    int(p.inflightMean),
    mb(p.startRssMb),
    mb(p.peakRssMb),
    int(p.eventsPerS),
    int(p.avgFlushMessages),
    ms(p.avgBulkMs),
    `${Math.round(p.bulkShare * 100)} %`,
  ]);
  return [
    `**Machine:** ${m.cores} cores (${m.cpu_model}), ${m.memory_gib} GiB, Node ${m.node}, Elasticsearch ${m.elasticsearch} (heap ${m.es_heap}), Kafka ${m.kafka}.`,
    `**Workload:** ${int(facts.workload.events)} events over ${int(facts.workload.tasks)} tasks (simulator seed ${o.seed}), ${o.partitions} partitions, PROJECTOR_MAX_BATCH_EVENTS ${int(o.maxBatchEvents)}; ${o.reps} repetitions, median shown with min – max. Run ${facts.runId}.`,
    '',
    table(['fig', 'figure', 'median', 'spread', 'target'], rows),
    '',
    'CPU (average cores in the measured window, medians of the repetitions; "rest of the box" is other work on the shared machine):',
    '',
    cpuTable(f),
    '',
    'Self time of the node processes (V8 sampling profiles of extra, unmeasured runs):',
    '',
    profileLines(f),
    '',
    `Per query (one run each at c=${a.connections} and at c=1):`,
    '',
    table(
      [
        'kind',
        'query',
        `API p50 c=${a.connections}`,
        'direct p50',
        'ratio',
        'API p99',
        'API p50 c=1',
        'direct p50 c=1',
        'ratio c=1',
        'same answer',
      ],
      queries,
    ),
    '',
    `Projector memory by batch size and by in-flight tasks (${int(f.memory.events)} events, one run each):`,
    '',
    table(
      [
        'max batch',
        'in-flight tasks (mean)',
        'RSS at start',
        'peak RSS',
        'events/s',
        'messages/flush',
        'bulk latency',
        'time in bulk',
      ],
      sweep,
    ),
  ].join('\n');
}
