import type { ApiSizeFigure } from '../figures/api-sizes.figure';
import type { QueryFigure } from '../figures/api-latency.figure';
import { check, int, ms, x } from './format';
import { table } from './detail-tables';

/** The size the issue's headline keys are taken at. */
export const HEADLINE_TASKS = 100_000;
/** Issue 10's targets: per query at c=1, for each mix at every size, for cache hits at c=1. */
export const TARGETS = { overheadMs: 1, ratio: 1.15, cacheHitMs: 1 } as const;

/** What the API adds to the same request sent directly, at one connection (no queueing), API and direct alternated. */
export const overheadC1 = (q: QueryFigure): number => q.single.api.p50 - q.single.direct.p50;

function bySizeEntry(s: ApiSizeFigure) {
  const overheads = s.figure.perQuery.map(overheadC1);
  return {
    tasks: s.tasks,
    documents: s.index.documents,
    store_mb: s.index.storeMb,
    list_p50_ms: s.figure.list.api.p50.median,
    list_direct_p50_ms: s.figure.list.direct.p50.median,
    stat_p50_ms: s.figure.stat.api.p50.median,
    stat_direct_p50_ms: s.figure.stat.direct.p50.median,
    list_p50_ratio_to_direct: s.figure.list.p50Ratio,
    stat_p50_ratio_to_direct: s.figure.stat.p50Ratio,
    overhead_p50_ms_c1_max: overheads.length === 0 ? null : Math.max(...overheads),
    cache_hit_p50_ms: s.figure.cacheHits.c1.p50.median,
    per_query: s.figure.perQuery.map((q) => ({
      name: q.name,
      kind: q.kind,
      same_answer: q.sameAnswer,
      loaded: {
        connections: s.figure.connections,
        api_p50_ms: q.api.p50,
        direct_p50_ms: q.direct.p50,
        p50_ratio: q.p50Ratio,
      },
      c1: {
        api_p50_ms: q.single.api.p50,
        direct_p50_ms: q.single.direct.p50,
        overhead_p50_ms: overheadC1(q),
      },
    })),
  };
}

/**
 * The `api.*` keys of figure 4 by size: the headline keys at 100,000 tasks (null when that size was
 * not run) and one entry per size (the main size's full figure is the rest of `api`).
 */
export function apiSizeResults(bySize: readonly ApiSizeFigure[]) {
  const entries = bySize.map(bySizeEntry);
  const headline = entries.find((e) => e.tasks === HEADLINE_TASKS);
  return {
    overhead_p50_ms_c1_max: headline?.overhead_p50_ms_c1_max ?? null,
    list_p50_ratio_to_direct_100k: headline?.list_p50_ratio_to_direct ?? null,
    stat_p50_ratio_to_direct_100k: headline?.stat_p50_ratio_to_direct ?? null,
    by_size: entries,
  };
}

/** Figure 4 per query at every size, c=8 and c=1, with the API's overhead at c=1. */
export function apiSizesTable(bySize: readonly ApiSizeFigure[]): string {
  const rows = bySize.flatMap((s) =>
    s.figure.perQuery.map((q) => [
      int(s.tasks),
      q.kind,
      q.name,
      ms(q.api.p50),
      ms(q.direct.p50),
      x(q.p50Ratio),
      ms(q.single.api.p50),
      ms(q.single.direct.p50),
      ms(overheadC1(q)),
      q.sameAnswer ? 'yes' : 'NO',
    ]),
  );
  const mixes = bySize.map((s) => {
    const e = bySizeEntry(s);
    const overhead = e.overhead_p50_ms_c1_max;
    const ratio = (r: number): string => `${x(r)} ${check(r <= TARGETS.ratio)}`;
    return [
      `${int(s.tasks)} tasks: list ${ratio(e.list_p50_ratio_to_direct)}, stat ${ratio(e.stat_p50_ratio_to_direct)}`,
      `largest overhead c=1 ${overhead === null ? 'n/a' : `${ms(overhead)} ${check(overhead <= TARGETS.overheadMs)}`}`,
      `cache hit p50 ${ms(e.cache_hit_p50_ms)} ${check(e.cache_hit_p50_ms <= TARGETS.cacheHitMs)}`,
    ].join(', ');
  });
  const c = bySize[0]?.figure.connections ?? 0;
  const head = [
    'tasks',
    'kind',
    'query',
    `API p50 c=${c}`,
    `direct p50 c=${c}`,
    `ratio c=${c}`,
    'API p50 c=1',
    'direct p50 c=1',
    'overhead c=1',
    'same answer',
  ];
  return [
    `Figure 4 by index size (per query one run each at c=${c}, and at c=1 API and direct alternated request by request; mix p50 ratios API / direct; targets ≤ ${TARGETS.ratio}×, ≤ ${TARGETS.overheadMs} ms, ≤ ${TARGETS.cacheHitMs} ms):`,
    '',
    ...mixes.map((m) => `- ${m}`),
    '',
    table(head, rows),
  ].join('\n');
}
