import type { JobTaskInfo } from '@app/domain';
import { JOB_TASKS_MAPPINGS, jobTasksIndexSettings } from '@app/platform';
import {
  type DomainSearchPort,
  type JsonObject,
  parseStatRequest,
  QueryError,
  runStat,
  type SearchRequestBody,
  type SearchResponseBody,
  type StatLimits,
} from '@app/query';
import { evaluateStat } from '@app/query-reference';
import { testStack, uniqueName } from '@app/testing';

const NOW = new Date('2026-12-01T00:00:00.000Z');
const DOMAIN = 'top-n';

/** Counts tie often (job-k holds k % 7 + 1 tasks), some tasks have no job, no provider. */
function tasks(): JobTaskInfo[] {
  const docs: JobTaskInfo[] = [];
  for (let k = 0; k < 400; k++) {
    for (let c = 0; c <= k % 7; c++) {
      const i = docs.length;
      docs.push({
        job_task_id: `t${String(i).padStart(5, '0')}`,
        domain_id: DOMAIN,
        status: (['SUCCESS', 'FAILURE', 'PENDING'] as const)[i % 3] ?? 'SUCCESS',
        success_count: i % 11,
        failure_count: i % 4,
        errors: [],
        job_id: k % 97 === 5 ? null : `job-${(k * 7919) % 400}`,
        secret_id: null,
        provider: ['aws', 'azure', 'gcp', null][i % 4] ?? null,
        service_account_id: null,
        project_id: null,
        created_at: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString(),
        started_at: null,
        finished_at: null,
      });
    }
  }
  return docs;
}

async function call(method: string, path: string, body?: unknown): Promise<JsonObject> {
  const bulk = path.includes('_bulk');
  const res = await fetch(testStack.elasticsearchUrl + path, {
    method,
    headers: { 'content-type': bulk ? 'application/x-ndjson' : 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const json = (await res.json()) as JsonObject;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** A throw-away index with the read model's definition and the shard count under test. */
class ShardedIndex {
  constructor(
    readonly name: string,
    private readonly shards: number,
  ) {}

  async create(docs: readonly JobTaskInfo[]): Promise<void> {
    await call('PUT', `/${this.name}`, {
      mappings: JOB_TASKS_MAPPINGS,
      settings: jobTasksIndexSettings({ shards: this.shards, replicas: 0 }),
    });
    const lines = docs.flatMap((d) => [
      JSON.stringify({ index: { _id: d.job_task_id } }),
      JSON.stringify(d),
    ]);
    await call('POST', `/${this.name}/_bulk?refresh=true`, `${lines.join('\n')}\n`);
  }

  async drop(): Promise<void> {
    await call('DELETE', `/${this.name}`);
  }

  /** Scoped to one domain, as the API's repository does. */
  port(domainId: string): DomainSearchPort {
    const scoped = (q?: JsonObject): JsonObject => ({
      bool: { filter: [{ term: { domain_id: domainId } }, ...(q ? [q] : [])] },
    });
    const index = this.name;
    return {
      search: async (body) =>
        (await call('POST', `/${index}/_search`, {
          ...body,
          query: scoped(body.query),
        })) as unknown as SearchResponseBody,
      count: async (query) =>
        Number((await call('POST', `/${index}/_count`, { query: scoped(query) })).count),
      openPointInTime: () => Promise.reject(new Error('not used by group plans')),
      closePointInTime: () => Promise.reject(new Error('not used by group plans')),
    };
  }
}

/** Records what the plan sent, to tell the terms push-down from composite paging. */
function recording(port: DomainSearchPort): { port: DomainSearchPort; sent: string[] } {
  const sent: string[] = [];
  const kind = (b: SearchRequestBody): string => {
    const aggs = JSON.stringify(b.aggs ?? {});
    if (aggs.includes('"composite"')) return 'composite';
    return aggs.includes('"_count":"desc"') ? 'terms' : 'other';
  };
  return {
    sent,
    port: {
      ...port,
      search: (b) => {
        sent.push(kind(b));
        return port.search(b);
      },
    },
  };
}

const group = (key: string) => ({
  group: {
    keys: [{ key, name: 'key' }],
    fields: [
      { operator: 'count', name: 'n' },
      { operator: 'sum', key: 'failure_count', name: 'failed' },
      { operator: 'last', key: 'job_task_id', name: 'last' },
    ],
  },
});
/** "Top N by count", and the same order spelled so that the plan pages every group. */
const topN = (key: string, n: number): unknown[] => [
  group(key),
  { sort: { key: 'n', desc: true } },
  { limit: n },
];
const paged = (key: string, n: number): unknown[] => [
  group(key),
  { sort: { keys: [{ key: 'n', desc: true }, { key: 'key' }] } },
  { limit: n },
];

const CASES: [string, string, number][] = [
  ['job_id, top 10 (ties, a missing-job group)', 'job_id', 10],
  ['job_id, top 1', 'job_id', 1],
  ['provider, top 2 (the missing group ties)', 'provider', 2],
  ['success_count, top 5 (a numeric key)', 'success_count', 5],
  ['job_id, more than there are groups', 'job_id', 900],
];

describe('top N by count pushed down to Elasticsearch', () => {
  const docs = tasks();
  const one = new ShardedIndex(uniqueName('top-terms-1'), 1);
  const three = new ShardedIndex(uniqueName('top-terms-3'), 3);
  // More groups than documents outside any top N: the push-down's group bound holds (see below).
  const limits: StatLimits = { maxGroups: 2000, maxScanDocs: 5000 };
  const stat = (aggregate: unknown[], port: DomainSearchPort, l: StatLimits = limits) =>
    runStat(parseStatRequest({ domain_id: DOMAIN, query: { aggregate } }, l), port, l, NOW);

  beforeAll(async () => {
    await Promise.all([one.create(docs), three.create(docs)]);
  });
  afterAll(async () => {
    await Promise.all([one.drop(), three.drop()]);
  });

  it.each(CASES)(
    'should give the paged answer in one terms request on one shard: %s',
    async (_, key, n) => {
      const pushed = recording(one.port(DOMAIN));
      const sut = await stat(topN(key, n), pushed.port);
      const all = recording(one.port(DOMAIN));
      const expected = await stat(paged(key, n), all.port);

      expect(sut).toEqual(expected);
      expect(sut.results.length).toBeGreaterThan(0);
      const req = parseStatRequest(
        { domain_id: DOMAIN, query: { aggregate: topN(key, n) } },
        limits,
      );
      expect(sut).toEqual(evaluateStat(docs, req, limits));
      expect(pushed.sent).toEqual(['terms']);
      expect(all.sent[0]).toBe('composite');
    },
  );

  it.each(CASES)(
    'should fall back to paging every group on three shards: %s',
    async (_, key, n) => {
      const sut = recording(three.port(DOMAIN));
      const answer = await stat(topN(key, n), sut.port);

      expect(answer).toEqual(await stat(paged(key, n), one.port(DOMAIN)));
      expect(sut.sent[0]).toBe('terms');
      expect(sut.sent.slice(1)).toContain('composite');
    },
  );

  it('should page every group when the documents outside the top N could be more groups than allowed', async () => {
    const tight: StatLimits = { maxGroups: 500, maxScanDocs: 5000 };
    const sut = recording(one.port(DOMAIN));
    const answer = await stat(topN('job_id', 10), sut.port, tight);

    expect(answer).toEqual(await stat(paged('job_id', 10), one.port(DOMAIN), tight));
    expect(sut.sent).toEqual(['terms', 'composite']);
  });

  it('should still refuse more groups than allowed, like the paged answer', async () => {
    const few: StatLimits = { maxGroups: 100, maxScanDocs: 5000 };
    const sut = recording(one.port(DOMAIN));
    const err = await stat(topN('job_id', 10), sut.port, few).catch((e: unknown) => e);

    expect(err).toBeInstanceOf(QueryError);
    expect(sut.sent).toEqual(['terms', 'composite']);
    await expect(stat(paged('job_id', 10), one.port(DOMAIN), few)).rejects.toMatchObject({
      code: (err as QueryError).code,
    });
  });
});
