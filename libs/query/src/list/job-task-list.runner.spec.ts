import { QueryError } from '../errors/query-error';
import {
  DomainSearchPort,
  JsonObject,
  SearchRequestBody,
  SearchResponseBody,
} from '../search-port';
import { runJobTaskList } from './job-task-list.runner';
import { JobTaskListRequest, ListLimits } from './list-request';

/** In-memory port over documents already in sort order; enforces ES's paging rules. */
class FakeSearchPort implements DomainSearchPort {
  readonly searches: SearchRequestBody[] = [];
  readonly openPits = new Set<string>();
  closed: string[] = [];
  private pitCounter = 0;

  constructor(private readonly docs: JsonObject[]) {}

  search(body: SearchRequestBody): Promise<SearchResponseBody> {
    this.searches.push(body);
    const size = body.size ?? 10;
    if (body.pit) {
      if (!this.openPits.has(body.pit.id)) throw new Error(`unknown pit ${body.pit.id}`);
      if (body.from) throw new Error('from is not allowed with search_after');
    } else if ((body.from ?? 0) + size > 10_000) {
      throw new Error('Result window is too large');
    }
    const start = body.search_after ? (body.search_after[0] as number) + 1 : (body.from ?? 0);
    const hits = this.docs.slice(start, start + size).map((doc, i) => ({
      _source: body._source === false ? undefined : pick(doc, body._source),
      sort: [start + i],
    }));
    const total = body.track_total_hits
      ? { value: this.docs.length, relation: 'eq' }
      : { value: Math.min(this.docs.length, 10_000), relation: 'gte' };
    let pit_id: string | undefined;
    if (body.pit) {
      // ES may hand back a new PIT id; the pager must continue with (and close) the latest one.
      this.openPits.delete(body.pit.id);
      pit_id = `${body.pit.id}'`;
      this.openPits.add(pit_id);
    }
    return Promise.resolve({ hits: { total, hits }, ...(pit_id ? { pit_id } : {}) });
  }

  count(): Promise<number> {
    return Promise.resolve(this.docs.length);
  }

  openPointInTime(): Promise<string> {
    const id = `pit${++this.pitCounter}`;
    this.openPits.add(id);
    return Promise.resolve(id);
  }

  closePointInTime(id: string): Promise<void> {
    this.openPits.delete(id);
    this.closed.push(id);
    return Promise.resolve();
  }
}

function pick(doc: JsonObject, fields: unknown): JsonObject {
  if (!Array.isArray(fields)) return doc;
  return Object.fromEntries(Object.entries(doc).filter(([k]) => fields.includes(k)));
}

const LIMITS: ListLimits = { maxLimit: 1000, maxUnpagedResults: 10_000 };
const NOW = new Date('2026-11-28T10:00:00Z');
const docs = (n: number): JsonObject[] =>
  Array.from({ length: n }, (_, i) => ({
    job_task_id: `t${String(i).padStart(6, '0')}`,
    domain_id: 'd',
    status: 'SUCCESS',
    success_count: i,
    failure_count: 0,
    errors: [],
    projection: { internal: true },
  }));

function request(overrides: Partial<JobTaskListRequest> = {}): JobTaskListRequest {
  return {
    domainId: 'd',
    scope: { filter: [], filterOr: [], keywordTokens: [] },
    sort: [{ key: 'created_at', desc: true }],
    page: null,
    only: null,
    countOnly: false,
    dependsOnClock: false,
    ...overrides,
  };
}

describe('runJobTaskList', () => {
  it('should answer count_only with the exact count and no results', async () => {
    const port = new FakeSearchPort(docs(12_345));
    await expect(runJobTaskList(request({ countOnly: true }), port, LIMITS, NOW)).resolves.toEqual({
      results: [],
      total_count: 12_345,
    });
    expect(port.searches).toEqual([]);
  });

  it('should read a shallow page with from/size, the tie-broken sort and an exact total', async () => {
    const port = new FakeSearchPort(docs(50));
    const answer = await runJobTaskList(
      request({ page: { start: 11, limit: 5 } }),
      port,
      LIMITS,
      NOW,
    );
    expect(answer.total_count).toBe(50);
    expect(answer.results.map((r) => r.job_task_id)).toEqual([
      't000010',
      't000011',
      't000012',
      't000013',
      't000014',
    ]);
    expect(port.searches).toEqual([
      {
        query: { match_all: {} },
        sort: [
          { created_at: { order: 'desc', missing: -8_640_000_000_000_001 } },
          { job_task_id: { order: 'asc', missing: '_first' } },
        ],
        from: 10,
        size: 5,
        _source: expect.arrayContaining(['job_task_id', 'errors']) as unknown,
        track_total_hits: true,
      },
    ]);
  });

  it('should return public fields with nulls for unset ones and never the projection', async () => {
    const port = new FakeSearchPort(docs(1));
    const answer = await runJobTaskList(request(), port, LIMITS, NOW);
    expect(answer.results).toEqual([
      {
        job_task_id: 't000000',
        status: 'SUCCESS',
        success_count: 0,
        failure_count: 0,
        errors: [],
        job_id: null,
        secret_id: null,
        provider: null,
        service_account_id: null,
        project_id: null,
        domain_id: 'd',
        created_at: null,
        started_at: null,
        finished_at: null,
      },
    ]);
  });

  it('should return exactly the only fields, in order', async () => {
    const port = new FakeSearchPort(docs(2));
    const answer = await runJobTaskList(request({ only: ['status', 'job_id'] }), port, LIMITS, NOW);
    expect(answer.results).toEqual([
      { status: 'SUCCESS', job_id: null },
      { status: 'SUCCESS', job_id: null },
    ]);
    expect(port.searches[0]?._source).toEqual(['status', 'job_id']);
  });

  it('should page past the 10,000 window through a point in time and close it', async () => {
    const port = new FakeSearchPort(docs(25_003));
    const answer = await runJobTaskList(
      request({ page: { start: 25_001, limit: 5 } }),
      port,
      LIMITS,
      NOW,
    );
    expect(answer.results.map((r) => r.job_task_id)).toEqual(['t025000', 't025001', 't025002']);
    expect(answer.total_count).toBe(25_003);
    expect(port.searches.map((s) => [s.size, s._source === false, s.track_total_hits])).toEqual([
      [10_000, true, true],
      [10_000, true, false],
      [5_000, true, false],
      [5, false, false],
    ]);
    expect(port.searches.every((s) => s.pit && s.from === undefined)).toBe(true);
    expect(port.openPits.size).toBe(0);
  });

  it('should use the pit_id each response returns', async () => {
    const port = new FakeSearchPort(docs(10_010));
    await runJobTaskList(request({ page: { start: 10_001, limit: 5 } }), port, LIMITS, NOW);
    expect(port.searches.map((s) => s.pit?.id)).toEqual(['pit1', "pit1'"]);
    expect(port.closed).toEqual(["pit1''"]);
  });

  it('should read the last page that straddles the window', async () => {
    const port = new FakeSearchPort(docs(10_003));
    const answer = await runJobTaskList(
      request({ page: { start: 9_998, limit: 10 } }),
      port,
      LIMITS,
      NOW,
    );
    expect(answer.results.map((r) => r.job_task_id)).toEqual([
      't009997',
      't009998',
      't009999',
      't010000',
      't010001',
      't010002',
    ]);
  });

  it('should answer a page beyond the matches with no results and the total', async () => {
    const port = new FakeSearchPort(docs(10_500));
    const answer = await runJobTaskList(
      request({ page: { start: 40_000, limit: 10 } }),
      port,
      LIMITS,
      NOW,
    );
    expect(answer).toEqual({ results: [], total_count: 10_500 });
    expect(port.searches).toHaveLength(2);
    expect(port.openPits.size).toBe(0);
  });

  it('should close the point in time when a search fails', async () => {
    const port = new FakeSearchPort(docs(20_000));
    port.search = () => Promise.reject(new Error('boom'));
    await expect(
      runJobTaskList(request({ page: { start: 15_000, limit: 1 } }), port, LIMITS, NOW),
    ).rejects.toThrow('boom');
    expect(port.closed).toEqual(['pit1']);
  });

  it('should return every match without a page up to the cap', async () => {
    const port = new FakeSearchPort(docs(10_000));
    const answer = await runJobTaskList(request(), port, LIMITS, NOW);
    expect(answer.results).toHaveLength(10_000);
    expect(answer.total_count).toBe(10_000);
  });

  it('should ask for paging when more than the cap match an unpaged request', async () => {
    const port = new FakeSearchPort(docs(10_001));
    const failure = runJobTaskList(request(), port, LIMITS, NOW);
    await expect(failure).rejects.toBeInstanceOf(QueryError);
    await expect(failure).rejects.toThrow('10001 job tasks match');
  });

  it('should read an unpaged answer through a point in time when the cap exceeds the window', async () => {
    const port = new FakeSearchPort(docs(12_000));
    const answer = await runJobTaskList(
      request(),
      port,
      { maxLimit: 1000, maxUnpagedResults: 15_000 },
      NOW,
    );
    expect(answer.results).toHaveLength(12_000);
    expect(answer.results[11_999]?.job_task_id).toBe('t011999');
    expect(port.openPits.size).toBe(0);
  });

  it('should turn an ES "too complex regex" rejection into a QueryError', async () => {
    const port = new FakeSearchPort(docs(1));
    port.search = () =>
      Promise.reject(
        new Error(
          'query_shard_exception\n\tRoot causes:\n\t\tfailed to create query: Determinizing .*a.{20}.* would require more than 10000 effort.',
        ),
      );
    await expect(runJobTaskList(request(), port, LIMITS, NOW)).rejects.toThrow(QueryError);
  });

  it('should apply a small configured cap', async () => {
    const port = new FakeSearchPort(docs(6));
    await expect(
      runJobTaskList(request(), port, { maxLimit: 10, maxUnpagedResults: 5 }, NOW),
    ).rejects.toThrow('more than the 5');
  });
});
