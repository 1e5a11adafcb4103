import { QueryError } from '../errors/query-error';
import { parseStatRequest } from './parse/stat-request.parser';
import { runStat } from './stat.runner';
import { aggs, CannedSearchPort, hits } from '@app/testing/search/canned-search-port';

const NOW = new Date('2026-12-01T00:00:00.000Z');
const limits = { maxGroups: 100, maxScanDocs: 10 };
const request = (query: Record<string, unknown>) =>
  parseStatRequest({ domain_id: 'd', query }, limits);
const ms = (iso: string): number => Date.parse(iso);

describe(`${runStat.name} (count, distinct, scan)`, () => {
  it('should count with the port, or count error rows in a nested aggregation', async () => {
    const plain = new CannedSearchPort(() => aggs({}), 5);
    await expect(
      runStat(request({ aggregate: [{ count: { name: 'n' } }] }), plain, limits, NOW),
    ).resolves.toEqual({ results: [{ n: 5 }] });
    expect(plain.counted).toBe(1);

    const none = new CannedSearchPort(() => aggs({}), 0);
    await expect(
      runStat(request({ aggregate: { count: { name: 'n' } } }), none, limits, NOW),
    ).resolves.toEqual({ results: [] });

    const nested = new CannedSearchPort(() => aggs({ rows: { doc_count: 7 } }));
    const req = request({
      aggregate: { unwind: [{ path: 'errors' }], count: { name: 'error_count' } },
    });
    await expect(runStat(req, nested, limits, NOW)).resolves.toEqual({
      results: [{ error_count: 7 }],
    });
    expect(nested.requests[0]?.aggs).toEqual({ rows: { nested: { path: 'errors' } } });
  });

  it('should list distinct values from a composite, sorted, then paged', async () => {
    const port = new CannedSearchPort(() =>
      aggs({
        values: {
          buckets: [ms('2026-02-01T00:00:00Z'), ms('2026-01-01T00:00:00Z')].map((v) => ({
            key: { v },
            doc_count: 1,
          })),
        },
      }),
    );
    const sut = await runStat(
      request({ distinct: 'finished_at', page: { start: 2, limit: 5 } }),
      port,
      limits,
      NOW,
    );
    expect(sut).toEqual({ results: ['2026-02-01T00:00:00.000Z'], total_count: 2 });
    expect(port.requests[0]?.aggs).toEqual({
      values: { composite: { size: 1000, sources: [{ v: { terms: { field: 'finished_at' } } }] } },
    });
  });

  it('should list distinct error codes through a nested composite', async () => {
    const port = new CannedSearchPort(() =>
      aggs({
        rows: { values: { buckets: ['E2', 'E1'].map((v) => ({ key: { v }, doc_count: 1 })) } },
      }),
    );
    const sut = await runStat(request({ distinct: 'errors.error_code' }), port, limits, NOW);
    expect(sut).toEqual({ results: ['E1', 'E2'] });
  });

  it('should run non-pushable pipelines over the documents, paging with search_after', async () => {
    const req = request({
      aggregate: [{ group: { fields: [{ name: 'ids', operator: 'push', key: 'job_task_id' }] } }],
    });
    const docs = Array.from({ length: 2001 }, (_, i) => ({
      job_task_id: `t${String(i).padStart(4, '0')}`,
    }));
    const port = new CannedSearchPort((_b, i) => {
      const page = i === 0 ? docs.slice(0, 2000) : docs.slice(2000);
      return {
        hits: {
          total: { value: 2001, relation: 'eq' },
          hits: page.map((s, j) => ({ _source: s, sort: [i * 2000 + j] })),
        },
      };
    });
    const sut = await runStat(req, port, { maxGroups: 10, maxScanDocs: 5000 }, NOW);
    expect((sut.results[0] as { ids: string[] }).ids).toHaveLength(2001);
    expect(port.requests[1]).toMatchObject({ search_after: [1999], track_total_hits: false });
  });

  it('should refuse a scan over more documents than maxScanDocs and close the snapshot', async () => {
    const req = request({ aggregate: [{ limit: 1 }, { count: { name: 'n' } }] });
    const port = new CannedSearchPort(() => hits([], 11));
    const error = await runStat(req, port, limits, NOW).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueryError);
    expect((error as QueryError).message).toContain('11 match, at most 10');
    expect(port.closed).toEqual(['pit-1']);
  });
});
