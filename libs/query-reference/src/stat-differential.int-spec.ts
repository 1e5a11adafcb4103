import type { JobTaskInfo } from '@app/domain';
import { parseStatRequest, QueryError, runStat, type StatLimits } from '@app/query';
import fc from 'fast-check';
import { uniqueName } from '@app/testing';
import { arbitraryFilterCondition } from './filter-condition.arbitrary';
import { matchesScope } from './scope-matcher';
import { statDocsArbitrary, statRequestArbitrary } from './stat-arbitraries';
import { StatTestIndex } from './stat-differential.es-index';
import { evaluateStat } from './stat-evaluator';

const NOW = new Date('2026-12-01T00:00:00.000Z');
const SEED = Number(process.env.STAT_SEED ?? 20261128);

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(
    Object.keys(v)
      .sort()
      .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
  );
}

async function outcome(run: () => unknown): Promise<unknown> {
  try {
    return sortKeys(await run());
  } catch (e) {
    if (e instanceof QueryError) return e.code;
    throw e;
  }
}

function bigDomain(): JobTaskInfo[] {
  return Array.from({ length: 2600 }, (_, i) => ({
    job_task_id: `t${String(i).padStart(5, '0')}`,
    domain_id: 'big',
    status: (['SUCCESS', 'FAILURE', 'PENDING'] as const)[i % 3] ?? 'SUCCESS',
    success_count: i % 7,
    failure_count: i % 5,
    errors:
      i % 10 === 0
        ? [
            {
              error_code: `E${i % 4}`,
              message: i === 1000 ? 'L'.repeat(9000) : `m${i % 1500}`,
              additional: { i },
            },
          ]
        : [],
    job_id: `job-${i % 1300}`,
    secret_id: null,
    provider: i % 2 ? 'aws' : null,
    service_account_id: null,
    project_id: null,
    created_at: new Date(Date.UTC(2024, 0, 1) + i * 7 * 3_600_000).toISOString(),
    started_at: null,
    finished_at: null,
  }));
}

const BIG_QUERIES: Record<string, unknown>[] = [
  {
    aggregate: [
      {
        group: {
          keys: [{ key: 'job_id', name: 'j' }],
          fields: [
            { name: 'n', operator: 'count' },
            { name: 'l', operator: 'last', key: 'job_task_id' },
          ],
        },
      },
      { sort: { key: 'n', desc: true } },
      { limit: 5 },
    ],
  },
  { aggregate: [{ group: { fields: [{ name: 'ids', operator: 'size', key: 'job_id' }] } }] },
  {
    aggregate: [
      {
        group: {
          keys: [{ key: 'created_at', name: 'm', date_format: '%m' }],
          fields: [
            { name: 'n', operator: 'count' },
            { name: 'f', operator: 'first', key: 'job_task_id' },
            { name: 's', operator: 'add_to_set', key: 'status' },
          ],
        },
      },
    ],
  },
  {
    aggregate: [
      { unwind: { path: 'errors' } },
      {
        group: {
          keys: [{ key: 'errors.message', name: 'm' }],
          fields: [{ name: 'n', operator: 'count' }],
        },
      },
      { sort: { key: 'n', desc: true } },
      { limit: 3 },
    ],
  },
  { distinct: 'job_id', page: { start: 1290, limit: 20 } },
  { distinct: 'errors.message', page: { start: 1, limit: 2 } },
];

describe('stat against real Elasticsearch', () => {
  const index = new StatTestIndex(uniqueName('stat-differential'));
  const limits: StatLimits = { maxGroups: 8, maxScanDocs: 5000 };
  const domains = fc
    .sample(statDocsArbitrary(14), { numRuns: 30, seed: SEED })
    .map((docs, k) => docs.map((d) => ({ ...d, domain_id: `dom-${k}` })));
  const big = bigDomain();

  beforeAll(async () => {
    await index.create();
    await index.index([...domains.flat(), ...big]);
  });
  afterAll(() => index.drop());

  it('should answer random requests exactly like the reference evaluator', async () => {
    for (const [k, docs] of domains.entries()) {
      for (const body of fc.sample(statRequestArbitrary(), { numRuns: 30, seed: SEED + k })) {
        const req = parseStatRequest(body, limits);
        const expected = await outcome(() => evaluateStat(docs, req, limits));
        const actual = await outcome(() => runStat(req, index.port(`dom-${k}`), limits, NOW));
        expect({ query: body.query, result: actual }).toEqual({
          query: body.query,
          result: expected,
        });
      }
    }
  });

  it('should confine every stage to the filter scope exactly like the reference', async () => {
    const scope = fc.record({
      filter: fc.array(
        arbitraryFilterCondition().map((c) => c.source),
        { maxLength: 2 },
      ),
      filter_or: fc.array(
        arbitraryFilterCondition().map((c) => c.source),
        { maxLength: 2 },
      ),
    });
    for (const [k, docs] of domains.entries()) {
      for (const body of fc.sample(statRequestArbitrary({ scope }), {
        numRuns: 15,
        seed: SEED - k,
      })) {
        const req = parseStatRequest(body, limits);
        const inScope = docs.filter((d) => matchesScope(d, req.scope, NOW));
        const expected = await outcome(() => evaluateStat(inScope, req, limits));
        const actual = await outcome(() => runStat(req, index.port(`dom-${k}`), limits, NOW));
        expect({ query: body.query, result: actual }).toEqual({
          query: body.query,
          result: expected,
        });
      }
    }
  });

  it.each(BIG_QUERIES.map((q) => [JSON.stringify(q), q] as const))(
    'should page, merge and fall back exactly on a large domain: %s',
    async (_name, query) => {
      const big10k = { maxGroups: 10000, maxScanDocs: 5000 };
      const req = parseStatRequest({ domain_id: 'big', query }, big10k);
      const actual = await runStat(req, index.port('big'), big10k, NOW);
      expect(actual).toEqual(evaluateStat(big, req, big10k));
    },
  );
});
