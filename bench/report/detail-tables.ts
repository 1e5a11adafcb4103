import type { ApiLatencyFigure } from '../figures/api-latency.figure';
import type { MemoryFigure } from '../figures/memory.figure';
import { int, mb, ms, x } from './format';

export const table = (head: string[], body: string[][]): string =>
  [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...body.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');

/** Figure 4 per query, at the load's concurrency and at one connection (the API's own cost per request). */
export function perQueryTable(a: ApiLatencyFigure): string {
  const rows = a.perQuery.map((q) => [
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
  const head = [
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
  ];
  return [
    `Per query (one run each at c=${a.connections}; at c=1 API and direct alternated request by request):`,
    '',
    table(head, rows),
  ].join('\n');
}

/** Figure 5's sweeps: memory and throughput by batch size and by in-flight tasks. */
export function sweepTable(memory: MemoryFigure): string {
  const rows = [...memory.batch, ...memory.inflight].map((p) => [
    int(p.maxBatchEvents),
    int(p.inflightMean),
    mb(p.startRssMb),
    mb(p.peakRssMb),
    int(p.eventsPerS),
    int(p.avgFlushMessages),
    ms(p.avgBulkMs),
    `${Math.round(p.bulkShare * 100)} %`,
    p.writesPerTask.toFixed(2),
  ]);
  const head = [
    'max batch',
    'in-flight tasks (mean)',
    'RSS at start',
    'peak RSS',
    'events/s',
    'messages/flush',
    'bulk latency',
    'time in bulk',
    'writes/task',
  ];
  return [
    `Projector memory by batch size and by in-flight tasks (${int(memory.events)} events, one run each):`,
    '',
    table(head, rows),
  ].join('\n');
}
