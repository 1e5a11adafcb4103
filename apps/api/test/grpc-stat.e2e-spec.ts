import type { StatisticsQueryMessage } from '../src/grpc/job-task.messages';
import { structToJson } from '../src/grpc/struct-value.converter';
import { DOMAIN } from './grpc/job-task.fixture';
import { type GrpcSuite, startGrpcSuite, stopGrpcSuite } from './grpc/grpc-suite.setup';
import { condition } from './grpc/proto-request.builders';

describe('gRPC JobTask.stat (StatisticsQuery Format A)', () => {
  let suite: GrpcSuite;
  beforeAll(async () => {
    suite = await startGrpcSuite();
  });
  afterAll(() => stopGrpcSuite(suite));

  const stat = async (query: StatisticsQueryMessage) =>
    structToJson(await suite.client.stat({ domain_id: DOMAIN, query }));

  const byProvider = {
    group: {
      keys: [{ key: 'provider', name: 'provider' }],
      fields: [
        { operator: 'count', name: 'n' },
        { key: 'success_count', operator: 'sum', name: 'succeeded' },
      ],
    },
  };

  it('should group, sort on a result column and limit', async () => {
    await expect(
      stat({ aggregate: byProvider, sort: { name: 'n', desc: true }, limit: 1 }),
    ).resolves.toEqual({ results: [{ provider: 'aws', n: 3, succeeded: 3 }] });
  });

  it('should sort on a group key name and page with a total count', async () => {
    await expect(
      stat({ aggregate: byProvider, sort: { name: 'provider' }, page: { start: 2, limit: 2 } }),
    ).resolves.toEqual({
      results: [
        { provider: 'aws', n: 3, succeeded: 3 },
        { provider: 'azure', n: 1, succeeded: 0 },
      ],
      total_count: 4,
    });
  });

  it('should count the groups with the count stage', async () => {
    const aggregate = { group: { keys: [{ k: 'job_id', n: 'job' }] }, count: { name: 'jobs' } };
    await expect(stat({ aggregate })).resolves.toEqual({ results: [{ jobs: 4 }] });
  });

  it('should unwind errors before grouping', async () => {
    const aggregate = {
      unwind: [{ path: 'errors' }],
      group: {
        keys: [{ key: 'errors.error_code', name: 'code' }],
        fields: [{ o: 'count', n: 'n' }],
      },
    };
    await expect(stat({ aggregate, sort: { name: 'code' } })).resolves.toEqual({
      results: [
        { code: 'E_AUTH', n: 1 },
        { code: 'E_TIMEOUT', n: 2 },
      ],
    });
  });

  it('should format a date group key after filter and the filter_or group (with keyword)', async () => {
    const aggregate = {
      group: {
        keys: [{ key: 'created_at', name: 'day', date_format: '%Y-%m-%d' }],
        fields: [{ operator: 'count', name: 'n' }],
      },
    };
    const answer = await stat({
      aggregate,
      filter: [condition('created_at', 'exists', true)],
      filter_or: [condition('provider', 'eq', 'azure')],
      keyword: 'alpha',
      sort: { name: 'day', desc: true },
    });
    // azure → t4, keyword alpha → t1 t2; t6 has no created_at.
    expect(answer).toEqual({
      results: [
        { day: '2026-11-04', n: 1 },
        { day: '2026-11-02', n: 1 },
        { day: '2026-11-01', n: 1 },
      ],
    });
  });

  it('should answer distinct with sorted non-null values', async () => {
    await expect(stat({ distinct: 'provider' })).resolves.toEqual({
      results: ['aws', 'azure', 'gcp'],
    });
  });

  it('should answer distinct in descending order, paged', async () => {
    await expect(
      stat({ distinct: 'errors.error_code', sort: { desc: true }, page: { limit: 1 } }),
    ).resolves.toEqual({ results: ['E_TIMEOUT'], total_count: 2 });
  });

  it('should carry numbers, strings and nulls of the rows through the Struct', async () => {
    const aggregate = {
      group: {
        keys: [{ key: 'secret_id', name: 'secret' }],
        fields: [{ key: 'finished_at', operator: 'max', name: 'last' }],
      },
    };
    await expect(stat({ aggregate, sort: { name: 'secret' } })).resolves.toEqual({
      results: [
        { secret: null, last: null },
        { secret: 'secret-1', last: '2026-11-05T00:30:00.000Z' },
        { secret: 'secret-2', last: '2026-11-02T06:10:00.000Z' },
      ],
    });
  });
});
