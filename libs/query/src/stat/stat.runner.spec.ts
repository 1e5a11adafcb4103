import { buildScopeQuery } from '../filter';
import type { JsonObject } from '../search-port';
import { QueryError } from '../errors/query-error';
import { parseStatRequest } from './parse/stat-request.parser';
import { runStat } from './stat.runner';
import { aggs, CannedSearchPort, hits } from '@app/testing/search/canned-search-port';

const NOW = new Date('2026-12-01T00:00:00.000Z');
const limits = { maxGroups: 100, maxScanDocs: 10 };
const request = (query: Record<string, unknown>) =>
  parseStatRequest({ domain_id: 'd', query }, limits);
const ms = (iso: string): number => Date.parse(iso);

describe(`${runStat.name} (group pushdown)`, () => {
  it('should push the first group down and finish later stages in the API', async () => {
    const req = request({
      aggregate: [
        {
          group: {
            keys: [{ key: 'status', name: 'status' }],
            fields: [
              { name: 'n', operator: 'count' },
              { name: 'avg', operator: 'average', key: 'failure_count' },
              { name: 'lo', operator: 'min', key: 'job_id' },
              { name: 'hi', operator: 'max', key: 'created_at' },
              { name: 'first', operator: 'first', key: 'provider' },
              { name: 'projects', operator: 'add_to_set', key: 'project_id' },
            ],
          },
        },
        { sort: { key: 'n', desc: true } },
      ],
      page: { start: 1, limit: 1 },
    });
    const bucket = (
      status: string,
      n: number,
      sum: number,
      lo: string,
      hi: string,
      provider: string | null,
    ): JsonObject => ({
      key: { k0: status },
      doc_count: n,
      f1: { doc_count: n, s: { value: sum }, n: { value: n } },
      f2: { buckets: [{ key: lo, doc_count: 1 }] },
      f3: { value: ms(hi), value_as_string: hi },
      f4: { hits: { hits: [{ _source: { provider, created_at: hi, job_task_id: 'x' } }] } },
      f5: {
        sum_other_doc_count: 0,
        buckets: [
          { key: 'p2', doc_count: 1 },
          { key: 'p1', doc_count: 1 },
        ],
      },
    });
    const port = new CannedSearchPort(() =>
      aggs({
        groups: {
          buckets: [
            bucket('FAILURE', 1, 3, 'job-c', '2026-11-01T00:00:00.000Z', null),
            bucket('SUCCESS', 3, 1, 'job-a', '2026-11-02T00:00:00.000Z', 'aws'),
          ],
        },
      }),
    );

    const sut = await runStat(req, port, limits, NOW);

    expect(sut).toEqual({
      results: [
        {
          status: 'SUCCESS',
          n: 3,
          avg: 1 / 3,
          lo: 'job-a',
          hi: '2026-11-02T00:00:00.000Z',
          first: 'aws',
          projects: ['p1', 'p2'],
        },
      ],
      total_count: 2,
    });
    expect(port.requests).toHaveLength(1);
    expect(port.requests[0]).toMatchObject({ size: 0, query: buildScopeQuery(req.scope, NOW) });
  });

  it('should page the composite aggregation to the end with after_key', async () => {
    const req = request({ aggregate: [{ group: { keys: [{ key: 'job_id', name: 'job' }] } }] });
    const page = (from: number, n: number): JsonObject[] =>
      Array.from({ length: n }, (_, i) => ({
        key: { k0: `job-${String(from + i).padStart(4, '0')}` },
        doc_count: 1,
      }));
    const port = new CannedSearchPort((_b, i) =>
      aggs({
        groups:
          i === 0
            ? { buckets: page(0, 1000), after_key: { k0: 'job-0999' } }
            : { buckets: page(1000, 2) },
      }),
    );

    const sut = await runStat(req, port, { maxGroups: 2000 }, NOW);

    expect(sut.results).toHaveLength(1002);
    expect(sut.results[1001]).toEqual({ job: 'job-1001' });
    expect((port.requests[1]?.aggs?.groups as JsonObject).composite).toMatchObject({
      after: { k0: 'job-0999' },
    });
  });

  it('should merge histogram buckets that format alike (%m across years)', async () => {
    const req = request({
      aggregate: [
        {
          group: {
            keys: [{ key: 'created_at', name: 'month', date_format: '%m' }],
            fields: [
              { name: 'n', operator: 'count' },
              { name: 'lo', operator: 'min', key: 'success_count' },
              { name: 'first', operator: 'first', key: 'job_task_id' },
              { name: 'statuses', operator: 'add_to_set', key: 'status' },
              { name: 'avg', operator: 'average', key: 'success_count' },
            ],
          },
        },
      ],
    });
    const bucket = (
      start: string,
      n: number,
      lo: number,
      id: string,
      status: string,
      sum: number,
    ): JsonObject => ({
      key: { k0: ms(start) },
      doc_count: n,
      f1: { value: lo },
      f2: { hits: { hits: [{ _source: { job_task_id: id, created_at: start } }] } },
      f3: { sum_other_doc_count: 0, buckets: [{ key: status, doc_count: n }] },
      f4: { doc_count: n, s: { value: sum }, n: { value: n } },
    });
    const port = new CannedSearchPort(() =>
      aggs({
        groups: {
          buckets: [
            {
              key: { k0: null },
              doc_count: 1,
              f1: { value: null },
              f2: { hits: { hits: [{ _source: { job_task_id: 'z' } }] } },
              f3: { sum_other_doc_count: 0, buckets: [] },
              f4: { doc_count: 1, s: { value: 0 }, n: { value: 0 } },
            },
            bucket('2025-01-01T00:00:00.000Z', 2, 4, 'old', 'FAILURE', 10),
            bucket('2026-01-01T00:00:00.000Z', 1, 2, 'new', 'SUCCESS', 2),
            bucket('2026-02-01T00:00:00.000Z', 1, 7, 'feb', 'SUCCESS', 7),
          ],
        },
      }),
    );

    const sut = await runStat(req, port, limits, NOW);

    expect(sut.results).toEqual([
      { month: null, n: 1, lo: null, first: 'z', statuses: [], avg: null },
      { month: '01', n: 3, lo: 2, first: 'old', statuses: ['FAILURE', 'SUCCESS'], avg: 4 },
      { month: '02', n: 1, lo: 7, first: 'feb', statuses: ['SUCCESS'], avg: 7 },
    ]);
  });

  it('should answer from the documents when a terms sub-aggregation is incomplete', async () => {
    const req = request({
      aggregate: [{ group: { fields: [{ name: 'ids', operator: 'size', key: 'job_id' }] } }],
    });
    const port = new CannedSearchPort((body) =>
      body.pit === undefined
        ? aggs({ groups: { doc_count: 5000, f0: { sum_other_doc_count: 4000, buckets: [] } } })
        : hits(
            [
              { job_task_id: 'a', job_id: 'j1' },
              { job_task_id: 'b', job_id: 'j2' },
              { job_task_id: 'c', job_id: 'j1' },
            ],
            3,
          ),
    );

    const sut = await runStat(req, port, limits, NOW);

    expect(sut).toEqual({ results: [{ ids: 2 }] });
    expect(port.requests[1]).toMatchObject({
      pit: { id: 'pit-1', keep_alive: '1m' },
      sort: [
        { created_at: { order: 'asc', missing: -8_640_000_000_000_001 } },
        { job_task_id: { order: 'asc' } },
      ],
      track_total_hits: true,
    });
    expect(port.closed).toEqual(['pit-1']);
  });

  it('should guard unwound errors.message groups against unindexed long messages', async () => {
    const req = request({
      aggregate: [
        { unwind: { path: 'errors' } },
        { group: { keys: [{ key: 'errors.message', name: 'm' }] } },
      ],
    });
    const long = 'x'.repeat(9000);
    const port = new CannedSearchPort((body) =>
      body.pit === undefined
        ? aggs({
            rows: { groups: { buckets: [{ key: { k0: null }, doc_count: 1 }] } },
            unindexed_messages: { missing: { doc_count: 1 } },
          })
        : hits(
            [{ job_task_id: 'a', errors: [{ error_code: 'E', message: long, additional: {} }] }],
            1,
          ),
    );

    const sut = await runStat(req, port, limits, NOW);

    expect(sut).toEqual({ results: [{ m: long }] });
    expect(port.requests[0]?.aggs).toHaveProperty('unindexed_messages');
  });

  it('should also guard conditions on errors.message (a long one would read as missing)', async () => {
    const req = request({
      aggregate: [
        { unwind: { path: 'errors' } },
        {
          group: {
            fields: [
              {
                name: 'n',
                operator: 'count',
                conditions: [{ key: 'errors.message', operator: 'lt', value: 'b' }],
              },
            ],
          },
        },
      ],
    });
    const port = new CannedSearchPort(() =>
      aggs({
        rows: { groups: { doc_count: 1, f0: { doc_count: 1 } } },
        unindexed_messages: { missing: { doc_count: 0 } },
      }),
    );
    await expect(runStat(req, port, limits, NOW)).resolves.toEqual({ results: [{ n: 1 }] });
    expect(port.requests[0]?.aggs).toHaveProperty('unindexed_messages');
  });

  it('should refuse more groups than maxGroups', async () => {
    const req = request({ aggregate: [{ group: { keys: [{ key: 'status', name: 's' }] } }] });
    const port = new CannedSearchPort(() =>
      aggs({ groups: { buckets: ['A', 'B', 'C'].map((k) => ({ key: { k0: k }, doc_count: 1 })) } }),
    );
    await expect(runStat(req, port, { maxGroups: 2 }, NOW)).rejects.toThrow(QueryError);
  });
});
