import type { CpuSplit } from '../lib/proc';
import { median } from '../lib/stats';
import type { Figures } from './results';

type Row = [
  phase: string,
  app: number | null,
  es: number | null,
  kafka: number | null,
  bench: number | null,
  other: number | null,
  steal: number | null,
];

const cores = (n: number | null): string => (n === null || Number.isNaN(n) ? '–' : n.toFixed(2));

/** Median over repetitions of one process's average cores in a window. */
function med(splits: CpuSplit[], pick: (s: CpuSplit) => number | undefined): number | null {
  const values = splits.map(pick).filter((v): v is number => v !== undefined);
  return values.length === 0 ? null : median(values);
}

function fromSplits(phase: string, splits: CpuSplit[], app: string): Row {
  return [
    phase,
    med(splits, (s) => s.cores[app]),
    med(splits, (s) => s.cores.elasticsearch),
    med(splits, (s) => s.cores.kafka),
    med(splits, (s) => s.cores.bench),
    med(splits, (s) => s.otherCores),
    med(splits, (s) => s.stealCores),
  ];
}

/** Average cores used by each process during each figure's measured window (2 cores in all). */
export function cpuTable(f: Figures): string {
  const t = f.throughput;
  const workers = (reps: { cpu: CpuSplit | null }[]): CpuSplit[] =>
    reps.map((r) => r.cpu).filter((c): c is CpuSplit => c !== null);
  const rows: Row[] = [
    fromSplits(
      '1 projector run',
      t.projector.reps.map((r) => r.cpu),
      'projector',
    ),
    fromSplits('1 Elasticsearch ceiling (bulk worker)', workers(t.esCeiling.reps), 'worker'),
    fromSplits('1 Kafka ceiling (drain worker)', workers(t.kafkaCeiling.reps), 'worker'),
    fromSplits('2 per-event baseline (worker)', workers(f.perEvent.reps), 'worker'),
    fromSplits('3 freshness (projector)', [f.freshness.cpu], 'projector'),
    fromSplits('4 API list mix (API; bench = autocannon)', f.api.list.cpu, 'api'),
    fromSplits('4 API stat mix (API; bench = autocannon)', f.api.stat.cpu, 'api'),
  ];
  return [
    '| window | app / worker | Elasticsearch | Kafka | bench | rest of the box | stolen by the hypervisor |',
    '|---|---|---|---|---|---|---|',
    ...rows.map(([phase, ...values]) => `| ${phase} | ${values.map(cores).join(' | ')} |`),
  ].join('\n');
}
