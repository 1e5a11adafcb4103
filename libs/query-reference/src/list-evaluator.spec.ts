import { JobTaskInfo } from '@app/domain';
import { JobTaskListRequest, QueryError } from '@app/query';
import fc from 'fast-check';
import { arbitraryJobTaskDocs } from './job-task-docs.arbitrary';
import { arbitraryListRequest } from './list-request.arbitrary';
import { evaluateJobTaskList } from './list-evaluator';
import { REFERENCE_NOW } from './reference-pools';

const LIMITS = { maxLimit: 1000, maxUnpagedResults: 10_000 };

function task(id: string, overrides: Partial<JobTaskInfo> = {}): JobTaskInfo {
  return {
    job_task_id: id,
    domain_id: 'd',
    status: 'SUCCESS',
    success_count: 0,
    failure_count: 0,
    errors: [],
    job_id: null,
    secret_id: null,
    provider: null,
    service_account_id: null,
    project_id: null,
    created_at: null,
    started_at: null,
    finished_at: null,
    ...overrides,
  };
}

function request(overrides: Partial<JobTaskListRequest> = {}): JobTaskListRequest {
  return {
    domainId: 'd',
    scope: { filter: [], filterOr: [], keywordTokens: [] },
    sort: [],
    page: null,
    only: ['job_task_id'],
    countOnly: false,
    dependsOnClock: false,
    ...overrides,
  };
}

const DOCS = [
  task('b', { created_at: '2026-11-28T10:00:00.000Z', status: 'PENDING', job_id: 'x' }),
  task('a', { created_at: '2026-11-28T10:00:00.000Z', status: 'FAILURE' }),
  task('c', { created_at: null, status: 'SUCCESS', job_id: 'X' }),
  task('d', { created_at: '2026-11-29T00:00:00.000Z', status: 'IN_PROGRESS', job_id: 'x' }),
];
const ids = (req: Partial<JobTaskListRequest>) =>
  evaluateJobTaskList(DOCS, request(req), LIMITS, REFERENCE_NOW).results.map((r) => r.job_task_id);

describe('evaluateJobTaskList', () => {
  it('should sort by created_at desc by default, ties by job_task_id, nulls last', () => {
    expect(ids({})).toEqual(['d', 'a', 'b', 'c']);
  });

  it('should put nulls first ascending', () => {
    expect(ids({ sort: [{ key: 'created_at', desc: false }] })).toEqual(['c', 'a', 'b', 'd']);
  });

  it('should sort status by name (code point), not by lifecycle', () => {
    expect(ids({ sort: [{ key: 'status', desc: false }] })).toEqual(['a', 'd', 'b', 'c']);
  });

  it('should sort by several keys with the tie-break last', () => {
    expect(
      ids({
        sort: [
          { key: 'job_id', desc: true },
          { key: 'created_at', desc: false },
        ],
      }),
    ).toEqual(['b', 'd', 'c', 'a']);
  });

  it('should honour an explicit job_task_id order', () => {
    expect(ids({ sort: [{ key: 'job_task_id', desc: true }] })).toEqual(['d', 'c', 'b', 'a']);
  });

  it('should page by 1-based start', () => {
    expect(ids({ page: { start: 2, limit: 2 } })).toEqual(['a', 'b']);
    expect(ids({ page: { start: 9, limit: 2 } })).toEqual([]);
  });

  it('should count all matches before paging', () => {
    const answer = evaluateJobTaskList(
      DOCS,
      request({ page: { start: 4, limit: 1 } }),
      LIMITS,
      REFERENCE_NOW,
    );
    expect(answer.total_count).toBe(4);
  });

  it('should answer count_only with no results', () => {
    expect(evaluateJobTaskList(DOCS, request({ countOnly: true }), LIMITS, REFERENCE_NOW)).toEqual({
      results: [],
      total_count: 4,
    });
  });

  it('should return all public fields when only is null, unset ones as null', () => {
    const [first] = evaluateJobTaskList(
      [DOCS[2]!],
      request({ only: null }),
      LIMITS,
      REFERENCE_NOW,
    ).results;
    expect(first).toEqual(DOCS[2]);
  });

  it('should return exactly the only fields', () => {
    const answer = evaluateJobTaskList(
      DOCS,
      request({ only: ['status', 'created_at'] }),
      LIMITS,
      REFERENCE_NOW,
    );
    expect(answer.results[3]).toEqual({ status: 'SUCCESS', created_at: null });
  });

  it('should reject an unpaged request over the cap', () => {
    expect(() =>
      evaluateJobTaskList(DOCS, request(), { maxLimit: 10, maxUnpagedResults: 3 }, REFERENCE_NOW),
    ).toThrow(QueryError);
  });

  it('should evaluate random requests over random documents', () => {
    fc.assert(
      fc.property(arbitraryJobTaskDocs(), arbitraryListRequest(), (docs, req) => {
        const answer = evaluateJobTaskList(docs, req, LIMITS, REFERENCE_NOW);
        expect(answer.total_count).toBeLessThanOrEqual(docs.length);
        expect(answer.results.length).toBeLessThanOrEqual(req.page?.limit ?? docs.length);
      }),
      { numRuns: 300 },
    );
  });
});
