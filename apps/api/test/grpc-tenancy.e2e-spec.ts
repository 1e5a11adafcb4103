import type { QueryMessage, StatisticsQueryMessage } from '../src/grpc/job-task.messages';
import { structToJson } from '../src/grpc/struct-value.converter';
import { DOMAIN, OTHER_DOMAIN } from './grpc/job-task.fixture';
import { type GrpcSuite, startGrpcSuite, stopGrpcSuite } from './grpc/grpc-suite.setup';
import { condition } from './grpc/proto-request.builders';

/* Every call asks as DOMAIN and tries to see or count OTHER_DOMAIN's tasks (t1 is in both). */
describe('gRPC tenant isolation', () => {
  let suite: GrpcSuite;
  beforeAll(async () => {
    suite = await startGrpcSuite();
  });
  afterAll(() => stopGrpcSuite(suite));

  const list = async (query: QueryMessage) => {
    const answer = await suite.client.list({ domain_id: DOMAIN, query });
    return { results: answer.results ?? [], total_count: answer.total_count ?? 0 };
  };
  const stat = async (query: StatisticsQueryMessage) =>
    structToJson(await suite.client.stat({ domain_id: DOMAIN, query }));

  it('should return only the caller domain without any filter', async () => {
    const answer = await list({});
    expect(answer.total_count).toBe(6);
    expect(answer.results.every((r) => r.domain_id === DOMAIN)).toBe(true);
  });

  it('should not widen the scope through a domain_id filter or filter_or', async () => {
    const other = condition('domain_id', 'eq', OTHER_DOMAIN);
    await expect(list({ filter: [other] })).resolves.toEqual({ results: [], total_count: 0 });
    const answer = await list({ filter_or: [other, condition('job_task_id', 'eq', 't9')] });
    expect(answer).toEqual({ results: [], total_count: 0 });
  });

  it('should not find the other tenant by keyword or shared id', async () => {
    await expect(list({ keyword: 't9' })).resolves.toEqual({ results: [], total_count: 0 });
    const { results } = await list({ filter: [condition('job_task_id', 'eq', 't1')] });
    expect(results.map((r) => [r.domain_id, r.provider])).toEqual([[DOMAIN, 'aws']]);
    expect(results[0]?.errors).toBeUndefined();
  });

  it('should not count the other tenant in aggregations, unwinds or distinct', async () => {
    await expect(stat({ distinct: 'job_task_id' })).resolves.toEqual({
      results: ['t1', 't2', 't3', 't4', 't5', 't6'],
    });
    const aggregate = {
      unwind: [{ path: 'errors' }],
      group: { keys: [{ key: 'errors.message', name: 'm' }] },
    };
    await expect(stat({ aggregate, sort: { name: 'm' } })).resolves.toEqual({
      results: [{ m: 'Access denied' }, { m: 'Timed out after 30s' }, { m: 'Timed out after 60s' }],
    });
    const count = { group: { keys: [{ key: 'domain_id', name: 'd' }] }, count: { name: 'n' } };
    await expect(stat({ aggregate: count })).resolves.toEqual({ results: [{ n: 1 }] });
  });

  it("should show the other tenant's data only to a call for that tenant", async () => {
    const answer = await suite.client.list({ domain_id: OTHER_DOMAIN });
    expect((answer.results ?? []).map((r) => r.job_task_id)).toEqual(['t9', 't1']);
  });
});
