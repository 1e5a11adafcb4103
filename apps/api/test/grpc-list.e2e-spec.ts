import type { JobTaskQueryMessage, QueryMessage } from '../src/grpc/job-task.messages';
import { structToJson } from '../src/grpc/struct-value.converter';
import { DOMAIN } from './grpc/job-task.fixture';
import { type GrpcSuite, startGrpcSuite, stopGrpcSuite } from './grpc/grpc-suite.setup';
import { condition } from './grpc/proto-request.builders';

/** A Timestamp as the test client decodes it (int64 seconds as a string). */
const timestamp = (iso: string, nanos = 0) => ({ seconds: String(Date.parse(iso) / 1000), nanos });

describe('gRPC JobTask.list', () => {
  let suite: GrpcSuite;
  beforeAll(async () => {
    suite = await startGrpcSuite();
  });
  afterAll(() => stopGrpcSuite(suite));

  // A decoder leaves an empty result list and a zero count off the answer.
  const list = async (query: QueryMessage = {}, shortcuts: JobTaskQueryMessage = {}) => {
    const answer = await suite.client.list({ domain_id: DOMAIN, query, ...shortcuts });
    return { results: answer.results ?? [], total_count: answer.total_count ?? 0 };
  };
  const ids = async (query: QueryMessage = {}, shortcuts: JobTaskQueryMessage = {}) =>
    (await list(query, shortcuts)).results.map((r) => r.job_task_id);

  describe('filter operators', () => {
    it.each([
      ['eq', condition('status', 'eq', 'FAILURE'), ['t5', 't2']],
      ['eq null', condition('project_id', 'eq', null), ['t5', 't6']],
      ['not', condition('provider', 'not', 'aws'), ['t4', 't2', 't6']],
      ['lt', condition('success_count', 'lt', 1), ['t5', 't4', 't3', 't6']],
      ['lte', condition('failure_count', 'lte', 0), ['t4', 't3', 't1', 't6']],
      ['gt', condition('failure_count', 'gt', 1), ['t2']],
      ['gte', condition('success_count', 'gte', 1), ['t2', 't1']],
      ['exists', condition('finished_at', 'exists', true), ['t5', 't2', 't1']],
      ['contain', condition('job_id', 'contain', 'ALPHA'), ['t2', 't1']],
      ['not_contain', condition('job_id', 'not_contain', 'alpha'), ['t5', 't4', 't3', 't6']],
      ['in', condition('provider', 'in', ['gcp', 'azure']), ['t4', 't2']],
      ['not_in', condition('provider', 'not_in', ['aws']), ['t4', 't2', 't6']],
      ['contain_in', condition('job_id', 'contain_in', ['BETA', 'gam']), ['t5', 't4', 't3']],
      ['not_contain_in', condition('project_id', 'not_contain_in', ['project']), ['t5', 't6']],
      ['match', condition('errors', 'match', { error_code: 'E_AUTH' }), ['t2']],
      ['regex', condition('secret_id', 'regex', '^secret-\\d$'), ['t5', 't2', 't1']],
      ['regex_in', condition('job_task_id', 'regex_in', ['^t[12]$', 't5']), ['t5', 't2', 't1']],
      ['datetime_lt', condition('created_at', 'datetime_lt', '2026-11-02T06:00:00Z'), ['t1']],
      [
        'datetime_lte',
        condition('created_at', 'datetime_lte', '2026-11-02T06:00:00Z'),
        ['t2', 't1'],
      ],
      [
        'datetime_gt',
        condition('finished_at', 'datetime_gt', '2026-11-02T00:00:00Z'),
        ['t5', 't2'],
      ],
      [
        'datetime_gte',
        condition('started_at', 'datetime_gte', '2026-11-03T12:00:05Z'),
        ['t5', 't3'],
      ],
      ['timediff_lt', condition('created_at', 'timediff_lt', 'now - 7d'), ['t2', 't1']],
      ['timediff_lte', condition('created_at', 'timediff_lte', 'now/d - 8d'), ['t1']],
      ['timediff_gt', condition('created_at', 'timediff_gt', 'now - 6d'), ['t5', 't4']],
      ['timediff_gte', condition('created_at', 'timediff_gte', 'now - 132h'), ['t5', 't4']],
    ])('should apply %s', async (_, filter, expected) => {
      await expect(ids({ filter: [filter] })).resolves.toEqual(expected);
    });

    it('should accept the k/v/o aliases', async () => {
      const filter = [{ k: 'provider', v: { stringValue: 'gcp' }, o: 'eq' }];
      await expect(ids({ filter })).resolves.toEqual(['t2']);
    });
  });

  describe('query options', () => {
    it('should AND the conditions of filter', async () => {
      const filter = [condition('status', 'eq', 'FAILURE'), condition('provider', 'eq', 'aws')];
      await expect(ids({ filter })).resolves.toEqual(['t5']);
    });

    it('should OR the conditions of filter_or and AND them with filter', async () => {
      const filter_or = [condition('provider', 'eq', 'gcp'), condition('provider', 'eq', 'azure')];
      await expect(ids({ filter_or })).resolves.toEqual(['t4', 't2']);
      const filter = [condition('status', 'eq', 'PENDING')];
      await expect(ids({ filter, filter_or })).resolves.toEqual(['t4']);
    });

    it('should match any keyword token in job_task_id or job_id', async () => {
      await expect(ids({ keyword: ' beta  GAMMA ' })).resolves.toEqual(['t5', 't4', 't3']);
    });

    it('should sort by {key, desc} with job_task_id breaking ties', async () => {
      const sort = { key: 'success_count', desc: true };
      await expect(ids({ sort })).resolves.toEqual(['t1', 't2', 't3', 't4', 't5', 't6']);
    });

    it('should sort by several keys, nulls lowest', async () => {
      const sort = { keys: [{ key: 'provider' }, { key: 'created_at', desc: true }] };
      await expect(ids({ sort })).resolves.toEqual(['t6', 't5', 't3', 't1', 't4', 't2']);
    });

    it('should page from a 1-based start and count every match', async () => {
      const answer = await list({ page: { start: 2, limit: 2 } });
      expect(answer.results.map((r) => r.job_task_id)).toEqual(['t4', 't3']);
      expect(answer.total_count).toBe(6);
    });

    it('should return exactly the fields of only, unset ones left off', async () => {
      const answer = await list({ only: ['job_task_id', 'created_at'] });
      expect(answer.results[0]).toEqual({
        job_task_id: 't5',
        created_at: timestamp('2026-11-05T00:00:00Z'),
      });
      expect(answer.results.at(-1)).toEqual({ job_task_id: 't6' });
    });

    it('should return the minimal fields and let minimal win over only', async () => {
      const answer = await list({ minimal: true, only: ['provider'] });
      const minimal = ['job_task_id', 'status', 'success_count', 'failure_count', 'job_id'];
      const timestamps = ['created_at', 'started_at', 'finished_at'];
      for (const result of answer.results) {
        expect([...minimal, ...timestamps]).toEqual(expect.arrayContaining(Object.keys(result)));
      }
      expect(answer.results[0]).toMatchObject({ job_task_id: 't5', job_id: 'job-gamma' });
    });

    it('should answer count_only with no results and the exact count', async () => {
      await expect(list({ count_only: true })).resolves.toEqual({ results: [], total_count: 6 });
    });
  });

  describe('shortcut fields', () => {
    it.each<[string, JobTaskQueryMessage, string[]]>([
      ['job_task_id', { job_task_id: 't3' }, ['t3']],
      ['status', { status: 'FAILURE' }, ['t5', 't2']],
      ['status as its enum number', { status: 2 }, ['t3']],
      ['job_id', { job_id: 'job-beta' }, ['t4', 't3']],
      ['secret_id', { secret_id: 'secret-1' }, ['t5', 't1']],
      ['provider', { provider: 'azure' }, ['t4']],
      ['service_account_id', { service_account_id: 'sa-2' }, ['t2']],
      ['project_id', { project_id: 'project-2' }, ['t4', 't3']],
    ])('should filter on %s', async (_, shortcuts, expected) => {
      await expect(ids({}, shortcuts)).resolves.toEqual(expected);
    });

    it('should AND shortcut fields with query.filter', async () => {
      const filter = [condition('status', 'eq', 'FAILURE')];
      await expect(ids({ filter }, { provider: 'aws' })).resolves.toEqual(['t5']);
    });

    it('should treat proto3 defaults (empty ids, JOB_TASK_STATE_NONE) as not given', async () => {
      const defaults: JobTaskQueryMessage = {
        job_task_id: '',
        status: 'JOB_TASK_STATE_NONE',
        job_id: '',
        secret_id: '',
        provider: '',
        service_account_id: '',
        project_id: '',
      };
      await expect(ids({}, defaults)).resolves.toEqual(['t5', 't4', 't3', 't2', 't1', 't6']);
    });
  });

  describe('JobTaskInfo encoding', () => {
    it('should send timestamps as Timestamp, enums by name and additional as a Struct', async () => {
      const [t2] = (await list({}, { job_task_id: 't2' })).results;
      expect(t2).toEqual({
        job_task_id: 't2',
        status: 'FAILURE',
        success_count: 1,
        failure_count: 2,
        errors: [
          {
            error_code: 'E_TIMEOUT',
            message: 'Timed out after 30s',
            additional: { fields: { retry: { boolValue: true }, n: { numberValue: 2 } } },
          },
          { error_code: 'E_AUTH', message: 'Access denied', additional: {} },
        ],
        job_id: 'job-alpha',
        secret_id: 'secret-2',
        provider: 'gcp',
        service_account_id: 'sa-2',
        project_id: 'project-1',
        domain_id: DOMAIN,
        created_at: timestamp('2026-11-02T06:00:00Z'),
        started_at: timestamp('2026-11-02T06:00:01Z'),
        finished_at: timestamp('2026-11-02T06:10:00Z'),
      });
      expect(structToJson(t2?.errors?.[0]?.additional)).toEqual({ retry: true, n: 2 });
    });

    it('should keep milliseconds as nanos', async () => {
      const [t1] = (await list({ only: ['finished_at'] }, { job_task_id: 't1' })).results;
      expect(t1?.finished_at).toEqual(timestamp('2026-11-01T00:02:00Z', 123_000_000));
    });

    it('should leave null fields and empty errors off the wire', async () => {
      const [t6] = (await list({}, { job_task_id: 't6' })).results;
      expect(t6).toEqual({
        job_task_id: 't6',
        status: 'JOB_TASK_STATE_NONE',
        success_count: 0,
        failure_count: 0,
        domain_id: DOMAIN,
      });
    });
  });
});
