import { status } from '@grpc/grpc-js';
import type { FilterMessage, StatisticsQueryMessage } from '../src/grpc/job-task.messages';
import { startApiWithGrpc } from './api-test-app';
import { freePort } from '@app/testing';
import { DOMAIN } from './grpc/job-task.fixture';
import { grpcFailure, JobTaskGrpcClient } from './grpc/job-task-grpc.client';
import { type GrpcSuite, startGrpcSuite, stopGrpcSuite } from './grpc/grpc-suite.setup';
import { condition } from './grpc/proto-request.builders';

const SPACEONE_DETAILS = /^ERROR_[A-Z_]+: \S/;

describe('gRPC error statuses', () => {
  let suite: GrpcSuite;
  beforeAll(async () => {
    suite = await startGrpcSuite();
  });
  afterAll(() => stopGrpcSuite(suite));

  const listFailure = (filter: FilterMessage[]) =>
    grpcFailure(suite.client.list({ domain_id: DOMAIN, query: { filter } }));

  it('should answer a missing domain_id with INVALID_ARGUMENT and SpaceONE details', async () => {
    const error = await grpcFailure(suite.client.list({ job_id: 'job-alpha' }));
    expect(error.code).toBe(status.INVALID_ARGUMENT);
    expect(error.details).toBe('ERROR_REQUIRED_PARAMETER: Required parameter. (key = domain_id)');
  });

  it.each<[string, FilterMessage, string]>([
    ['an unknown key', condition('nope', 'eq', 1), 'ERROR_INVALID_PARAMETER'],
    ['an unknown operator', condition('job_id', 'like', 'x'), 'ERROR_INVALID_PARAMETER'],
    ['a list for a scalar operator', condition('job_id', 'eq', ['a']), 'ERROR_OPERATOR_VALUE_TYPE'],
    [
      'a scalar for a list operator',
      condition('job_id', 'in', 'a'),
      'ERROR_OPERATOR_LIST_VALUE_TYPE',
    ],
    ['a non-boolean exists', condition('job_id', 'exists', 'yes'), 'ERROR_OPERATOR_BOOLEAN_TYPE'],
    ['a non-object match', condition('errors', 'match', 'E1'), 'ERROR_OPERATOR_DICT_VALUE_TYPE'],
    ['a bad timediff', condition('created_at', 'timediff_lt', 'soon'), 'ERROR_INVALID_PARAMETER'],
    ['a lookbehind regex', condition('job_id', 'regex', '(?<=a)b'), 'ERROR_INVALID_PARAMETER'],
    [
      'a NaN number',
      { key: 'success_count', operator: 'eq', value: { numberValue: NaN } },
      'ERROR_INVALID_PARAMETER',
    ],
  ])('should answer %s with INVALID_ARGUMENT', async (_, filter, errorCode) => {
    const error = await listFailure([filter]);
    expect(error.code).toBe(status.INVALID_ARGUMENT);
    expect(error.details.startsWith(`${errorCode}: `)).toBe(true);
    expect(error.details).toMatch(SPACEONE_DETAILS);
  });

  it.each([Number.NaN, Infinity])(
    'should name where a %s number value is, not render it as null',
    async (n) => {
      const error = await listFailure([
        { key: 'success_count', operator: 'eq', value: { numberValue: n } },
      ]);
      expect(error.details).toBe(
        `ERROR_INVALID_PARAMETER: Parameter is invalid. (key = query.filter[0].value, reason = ${n} is not a finite number)`,
      );
    },
  );

  it('should name the offending key in the details', async () => {
    const error = await listFailure([condition('nope', 'eq', 1)]);
    expect(error.details).toContain('nope');
  });

  it('should answer a page limit over the maximum and an unknown status number', async () => {
    const tooMany = await grpcFailure(
      suite.client.list({ domain_id: DOMAIN, query: { page: { limit: 100_000 } } }),
    );
    expect(tooMany.code).toBe(status.INVALID_ARGUMENT);
    expect(tooMany.details).toMatch(/^ERROR_INVALID_PARAMETER: .*limit/);
    const unknownStatus = await grpcFailure(suite.client.list({ domain_id: DOMAIN, status: 9 }));
    expect(unknownStatus.code).toBe(status.INVALID_ARGUMENT);
  });

  it.each<[string, StatisticsQueryMessage | undefined, RegExp]>([
    ['no query', undefined, /^ERROR_REQUIRED_PARAMETER: .*query/],
    ['neither aggregate nor distinct', {}, /^ERROR_REQUIRED_PARAMETER: .*aggregate/],
    [
      'an unknown group operator',
      { aggregate: { group: { fields: [{ n: 'x', o: 'median' }] } } },
      /^ERROR_INVALID_PARAMETER: /,
    ],
    [
      "a group field's value (not supported)",
      { aggregate: { group: { fields: [{ n: 'x', o: 'max', k: 'job_id', v: 'y' }] } } },
      /^ERROR_INVALID_PARAMETER: .*value/,
    ],
    ['distinct on an unknown field', { distinct: 'nope' }, /^ERROR_INVALID_PARAMETER: .*nope/],
  ])('should answer a stat with %s with INVALID_ARGUMENT', async (_, query, details) => {
    const error = await grpcFailure(suite.client.stat({ domain_id: DOMAIN, query }));
    expect(error.code).toBe(status.INVALID_ARGUMENT);
    expect(error.details).toMatch(details);
  });

  it('should return the correlation id in the trailers, reusing a safe caller id', async () => {
    const error = await grpcFailure(suite.client.list({}, { requestId: 'req-42' }));
    expect(error.metadata.get('x-request-id')).toEqual(['req-42']);
  });
});

describe('gRPC API keys', () => {
  const key = 'reader-key-0123456789';
  let suite: GrpcSuite;
  beforeAll(async () => {
    suite = await startGrpcSuite({ API_KEYS: `${key}=${DOMAIN}` });
  });
  afterAll(() => stopGrpcSuite(suite));

  it('should answer a call without a key with UNAUTHENTICATED, before validating it', async () => {
    const error = await grpcFailure(suite.client.list({}));
    expect(error.code).toBe(status.UNAUTHENTICATED);
    expect(error.details).toBe(
      'ERROR_AUTHENTICATE_FAILURE: A valid "Authorization: Bearer <key>" header is required.',
    );
  });

  it('should answer an unknown key with UNAUTHENTICATED', async () => {
    const error = await grpcFailure(
      suite.client.stat({ domain_id: DOMAIN }, { apiKey: 'wrong-key-0123456789' }),
    );
    expect(error.code).toBe(status.UNAUTHENTICATED);
  });

  it('should answer a valid key asking for another domain with PERMISSION_DENIED', async () => {
    const error = await grpcFailure(suite.client.list({ domain_id: 'd2' }, { apiKey: key }));
    expect(error.code).toBe(status.PERMISSION_DENIED);
    expect(error.details).toBe('ERROR_PERMISSION_DENIED: This API key may not read domain "d2".');
    const stat = await grpcFailure(
      suite.client.stat({ domain_id: 'd2', query: { distinct: 'job_id' } }, { apiKey: key }),
    );
    expect(stat.code).toBe(status.PERMISSION_DENIED);
  });

  it('should serve the granted domain to its key', async () => {
    const answer = await suite.client.list({ domain_id: DOMAIN }, { apiKey: key });
    expect(answer.total_count).toBe(6);
    const stat = await suite.client.stat(
      { domain_id: DOMAIN, query: { distinct: 'job_id' } },
      { apiKey: key },
    );
    expect(stat.fields).toHaveProperty('results');
  });
});

describe('gRPC while Elasticsearch is unreachable', () => {
  it('should answer UNAVAILABLE with ERROR_UNAVAILABLE', async () => {
    const deadPort = await freePort();
    const api = await startApiWithGrpc({ ELASTICSEARCH_URL: `http://127.0.0.1:${deadPort}` });
    const client = new JobTaskGrpcClient(api.grpcAddress);
    try {
      const error = await grpcFailure(client.list({ domain_id: DOMAIN }));
      expect(error.code).toBe(status.UNAVAILABLE);
      expect(error.details).toBe('ERROR_UNAVAILABLE: Elasticsearch is unavailable; retry later.');
    } finally {
      client.close();
      await api.close();
    }
  });
});
