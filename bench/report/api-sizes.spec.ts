import type { ApiLatencyFigure, MixFigure, QueryFigure } from '../figures/api-latency.figure';
import type { ApiSizeFigure } from '../figures/api-sizes.figure';
import type { LatencySummary, Spread } from '../lib/stats';
import { apiSizeResults, apiSizesTable } from './api-sizes';

const spread = (median: number): Spread => ({
  median,
  min: median,
  max: median,
  p25: median,
  p75: median,
  n: 1,
});
const latency = (p50: number): LatencySummary => ({ p50, p90: p50, p99: p50, max: p50, n: 10 });
const mixOf = (api: number, direct: number): MixFigure => ({
  api: { p50: spread(api), p99: spread(api), perSecond: spread(1) },
  direct: { p50: spread(direct), p99: spread(direct), perSecond: spread(1) },
  p50Ratio: api / direct,
  cpu: [],
});
const query = (name: string, c1Api: number, c1Direct: number): QueryFigure => ({
  name,
  kind: 'stat',
  esRequests: 1,
  sameAnswer: true,
  api: latency(c1Api * 2),
  direct: latency(c1Direct * 2),
  p50Ratio: c1Api / c1Direct,
  single: { api: latency(c1Api), direct: latency(c1Direct) },
});
const size = (
  tasks: number,
  list: MixFigure,
  stat: MixFigure,
  perQuery: QueryFigure[],
): ApiSizeFigure => ({
  tasks,
  index: { alias: 'a', index: 'i', documents: tasks, copies: 1, loadMs: 1, storeMb: 1 },
  figure: {
    connections: 8,
    seconds: 1,
    list,
    stat,
    perQuery,
    cacheHits: { c1: { p50: spread(0.5), p99: spread(1) }, concurrent: latency(1) },
    profiles: null,
    discarded: [],
  } satisfies ApiLatencyFigure,
});

describe(apiSizeResults.name, () => {
  const small = size(100_000, mixOf(3, 2.5), mixOf(4, 2), [
    query('top 10', 5.5, 2),
    query('by status', 3, 2.2),
  ]);
  const large = size(1_000_000, mixOf(9, 8), mixOf(20, 10), [query('top 10', 40, 5)]);

  it('should take the headline keys at 100,000 tasks: the largest c=1 overhead and the mix ratios', () => {
    const sut = apiSizeResults([small, large]);

    expect(sut.overhead_p50_ms_c1_max).toBeCloseTo(3.5);
    expect(sut.list_p50_ratio_to_direct_100k).toBeCloseTo(1.2);
    expect(sut.stat_p50_ratio_to_direct_100k).toBeCloseTo(2);
    expect(sut.by_size.map((s) => [s.tasks, s.overhead_p50_ms_c1_max])).toEqual([
      [100_000, 3.5],
      [1_000_000, 35],
    ]);
    expect(sut.by_size[1]?.per_query[0]).toMatchObject({
      loaded: { connections: 8, api_p50_ms: 80, direct_p50_ms: 10 },
      c1: { api_p50_ms: 40, direct_p50_ms: 5, overhead_p50_ms: 35 },
    });
  });

  it('should leave the headline keys null when 100,000 tasks was not among the sizes', () => {
    const sut = apiSizeResults([large]);

    expect(sut.overhead_p50_ms_c1_max).toBeNull();
    expect(sut.list_p50_ratio_to_direct_100k).toBeNull();
    expect(sut.stat_p50_ratio_to_direct_100k).toBeNull();
  });
});

describe(apiSizesTable.name, () => {
  it('should give one row per query and size, with the overhead at c=1', () => {
    const sut = apiSizesTable([size(20_000, mixOf(2, 2), mixOf(3, 2), [query('top 10', 5.5, 2)])]);

    expect(sut).toContain(
      '20,000 tasks: list 1.00× ✅, stat 1.50× ❌, largest overhead c=1 3.50 ms ❌, cache hit p50 0.500 ms ✅',
    );
    expect(sut).toContain(
      '| 20,000 | stat | top 10 | 11.0 ms | 4.00 ms | 2.75× | 5.50 ms | 2.00 ms | 3.50 ms | yes |',
    );
  });
});
