import type { SearchRequestBody, SearchResponseBody } from '../../search-port';
import { choosePlan } from '../plan/plan.selector';
import { parseStatRequest } from '../parse/stat-request.parser';
import { runStat } from '../stat.runner';
import { CannedSearchPort } from '@app/testing/search/canned-search-port';
import { topTermsPlan } from './top-terms.push-down';

const NOW = new Date('2026-12-01T00:00:00.000Z');
const limits = { maxGroups: 50, maxScanDocs: 10 };
const parse = (query: Record<string, unknown>) =>
  parseStatRequest({ domain_id: 'd', query }, limits);
const planOf = (aggregate: unknown) => {
  const body = parse({ aggregate }).body;
  if (body.kind !== 'aggregate') throw new Error('aggregate expected');
  return choosePlan(body.stages);
};

const byJob = (fields: unknown[] = [{ operator: 'count', name: 'n' }]) => ({
  group: { keys: [{ key: 'job_id', name: 'job' }], fields },
});
const topN = (n = 3) => [byJob(), { sort: { key: 'n', desc: true } }, { limit: n }];

describe(topTermsPlan.name, () => {
  it('should recognise group by one key, sort by a plain count descending, limit N', () => {
    const sut = topTermsPlan(planOf(topN(3)));
    expect(sut).toMatchObject({ field: 'job_id', size: 3 });
  });

  it('should accept Format A (top-level sort and limit) and later stages', () => {
    expect(
      topTermsPlan(
        planOf({
          group: { keys: [{ key: 'status', name: 's' }], fields: [{ o: 'count', n: 'c' }] },
        }),
      ),
    ).toBeNull();
    const a = parse({
      aggregate: { group: { keys: [{ k: 'status', n: 's' }], fields: [{ o: 'count', n: 'c' }] } },
      sort: { name: 'c', desc: true },
      limit: 2,
    }).body;
    if (a.kind !== 'aggregate') throw new Error('aggregate expected');
    expect(topTermsPlan(choosePlan(a.stages))).toMatchObject({ field: 'status', size: 2 });
    expect(topTermsPlan(planOf([...topN(2), { skip: 1 }]))).toMatchObject({ size: 2 });
  });

  it.each<[string, unknown[]]>([
    ['no limit', [byJob(), { sort: { key: 'n', desc: true } }]],
    ['an ascending sort', [byJob(), { sort: { key: 'n' } }, { limit: 3 }]],
    ['a sort by the key', [byJob(), { sort: { key: 'job', desc: true } }, { limit: 3 }]],
    [
      'a sort by a second key too',
      [byJob(), { sort: { keys: [{ key: 'n', desc: true }, { key: 'job' }] } }, { limit: 3 }],
    ],
    [
      'a skip before the limit',
      [byJob(), { sort: { key: 'n', desc: true } }, { skip: 1 }, { limit: 3 }],
    ],
    [
      'a sort by a conditional count',
      [
        byJob([
          {
            operator: 'count',
            name: 'f',
            conditions: [{ key: 'status', value: 'FAILURE', operator: 'eq' }],
          },
        ]),
        { sort: { key: 'f', desc: true } },
        { limit: 3 },
      ],
    ],
    [
      'a sort by a sum',
      [
        byJob([{ operator: 'sum', key: 'failure_count', name: 's' }]),
        { sort: { key: 's', desc: true } },
        { limit: 3 },
      ],
    ],
    [
      'two keys',
      [
        {
          group: {
            keys: [
              { key: 'job_id', name: 'j' },
              { key: 'status', name: 's' },
            ],
            fields: [{ operator: 'count', name: 'n' }],
          },
        },
        { sort: { key: 'n', desc: true } },
        { limit: 3 },
      ],
    ],
    [
      'a date_format key',
      [
        {
          group: {
            keys: [{ key: 'created_at', name: 'd', date_format: '%Y' }],
            fields: [{ operator: 'count', name: 'n' }],
          },
        },
        { sort: { key: 'n', desc: true } },
        { limit: 3 },
      ],
    ],
    [
      'unwound errors',
      [
        { unwind: { path: 'errors' } },
        {
          group: {
            keys: [{ key: 'errors.error_code', name: 'c' }],
            fields: [{ operator: 'count', name: 'n' }],
          },
        },
        { sort: { key: 'n', desc: true } },
        { limit: 3 },
      ],
    ],
    ['a limit above one page of buckets', topN(5000)],
  ])('should leave %s to the paged plan', (_, aggregate) => {
    expect(topTermsPlan(planOf(aggregate))).toBeNull();
  });
});

const terms = (
  buckets: [string, number][],
  others: number,
  missing: number,
  shards = 1,
): SearchResponseBody => ({
  hits: { hits: [] },
  _shards: { total: shards },
  aggregations: {
    groups: {
      sum_other_doc_count: others,
      buckets: buckets.map(([key, doc_count]) => ({ key, doc_count })),
    },
    missing_key: { doc_count: missing },
  },
});
const composite = (buckets: [string | null, number][]): SearchResponseBody => ({
  hits: { hits: [] },
  aggregations: {
    groups: { buckets: buckets.map(([j, doc_count]) => ({ key: { k0: j }, doc_count })) },
  },
});
const isTerms = (b: SearchRequestBody): boolean =>
  JSON.stringify(b.aggs).includes('"terms":{"field":"job_id","size"');

describe(`${runStat.name} (top N by count)`, () => {
  it('should answer from one terms request ordered by count, then key', async () => {
    const port = new CannedSearchPort(() =>
      terms(
        [
          ['b', 5],
          ['a', 4],
          ['c', 4],
        ],
        3,
        0,
      ),
    );
    const sut = await runStat(parse({ aggregate: topN(3) }), port, limits, NOW);
    expect(sut.results).toEqual([
      { job: 'b', n: 5 },
      { job: 'a', n: 4 },
      { job: 'c', n: 4 },
    ]);
    expect(port.requests).toHaveLength(1);
    expect(port.requests[0]?.aggs).toEqual({
      groups: {
        terms: { field: 'job_id', size: 3, order: [{ _count: 'desc' }, { _key: 'asc' }] },
      },
      missing_key: { missing: { field: 'job_id' } },
    });
  });

  it('should rank the missing-key group first among equal counts, as today', async () => {
    const port = new CannedSearchPort(() =>
      terms(
        [
          ['b', 5],
          ['a', 4],
        ],
        0,
        4,
      ),
    );
    const sut = await runStat(parse({ aggregate: topN(2) }), port, limits, NOW);
    expect(sut.results).toEqual([
      { job: 'b', n: 5 },
      { job: null, n: 4 },
    ]);
  });

  it('should read the sub-aggregations of each bucket', async () => {
    const aggregate = [
      byJob([
        { operator: 'count', name: 'n' },
        { operator: 'sum', key: 'failure_count', name: 'f' },
      ]),
      { sort: { key: 'n', desc: true } },
      { limit: 1 },
    ];
    const f0 = { doc_count: 2, s: { value: 3 }, n: { value: 2 } };
    const port = new CannedSearchPort(() => ({
      ...terms([], 0, 0),
      aggregations: {
        groups: { sum_other_doc_count: 0, buckets: [{ key: 'j', doc_count: 2, f1: f0 }] },
        missing_key: { doc_count: 0, f1: { doc_count: 0, s: { value: 0 }, n: { value: 0 } } },
      },
    }));
    const sut = await runStat(parse({ aggregate }), port, limits, NOW);
    expect(sut.results).toEqual([{ job: 'j', n: 2, f: 3 }]);
  });

  it('should page every group when the index has more than one shard', async () => {
    const port = new CannedSearchPort((b) =>
      isTerms(b)
        ? terms([['b', 5]], 4, 0, 3)
        : composite([
            ['a', 4],
            ['b', 5],
          ]),
    );
    const sut = await runStat(parse({ aggregate: topN(1) }), port, limits, NOW);
    expect(sut.results).toEqual([{ job: 'b', n: 5 }]);
    expect(port.requests.map(isTerms)).toEqual([true, false]);
  });

  it('should not try the terms request when the read model is configured with more shards', async () => {
    const port = new CannedSearchPort((b) =>
      isTerms(b)
        ? terms([['b', 5]], 0, 0)
        : composite([
            ['a', 4],
            ['b', 5],
          ]),
    );
    const sut = await runStat(
      parse({ aggregate: topN(1) }),
      port,
      { ...limits, singleShardPlans: false },
      NOW,
    );
    expect(sut.results).toEqual([{ job: 'b', n: 5 }]);
    expect(port.requests.map(isTerms)).toEqual([false]);
  });

  it('should page every group when there may be more groups than allowed', async () => {
    const port = new CannedSearchPort((b) =>
      isTerms(b)
        ? terms([['b', 5]], limits.maxGroups, 0)
        : composite([
            ['a', 4],
            ['b', 5],
          ]),
    );
    const sut = await runStat(parse({ aggregate: topN(1) }), port, limits, NOW);
    expect(sut.results).toEqual([{ job: 'b', n: 5 }]);
    expect(port.requests.map(isTerms)).toEqual([true, false]);
  });
});
