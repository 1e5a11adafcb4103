import { status } from '@grpc/grpc-js';
import { grpcErrorView, restErrorView } from './grpc/answer.views';
import { DOMAIN } from './grpc/job-task.fixture';
import { grpcFailure } from './grpc/job-task-grpc.client';
import { type GrpcSuite, startGrpcSuite, stopGrpcSuite } from './grpc/grpc-suite.setup';
import { REST_LIST, REST_STAT, restPost } from './grpc/rest.client';
import {
  field,
  listRequestWithFilter,
  nestedObject,
  nestedStructValue,
  stringValue,
} from './grpc/wire-bytes';

const codeOf = (details: string): string => details.split(':')[0] ?? '';

/* Requests a conforming encoder would not produce, sent as raw bytes: still client mistakes (400s). */
describe('gRPC requests that do not decode', () => {
  let suite: GrpcSuite;
  beforeAll(async () => {
    suite = await startGrpcSuite();
  });
  afterAll(() => stopGrpcSuite(suite));

  it('should answer bytes that are no JobTaskQuery with INVALID_ARGUMENT, not INTERNAL', async () => {
    const error = await grpcFailure(
      suite.client.raw('list', Buffer.from([0x0a, 0xff, 0xff, 0x01]), { requestId: 'wire-1' }),
    );
    expect(error.code).toBe(status.INVALID_ARGUMENT);
    expect(error.details).toMatch(
      /^ERROR_INVALID_PARAMETER: The request is not a valid JobTaskQuery message\. \(key = request, reason = index out of range.*\)$/,
    );
    expect(error.metadata.get('x-request-id')).toEqual(['wire-1']);
  });

  it('should answer a Format B StatisticsQuery (its page is where Format A has sort) with INVALID_ARGUMENT', async () => {
    const formatBPage = Buffer.from([0x08, 0x01, 0x10, 0x0a]); // Page {start: 1, limit: 10}
    const query = Buffer.concat([field(4, formatBPage), field(7, 'job_id')]);
    const error = await grpcFailure(
      suite.client.raw('stat', Buffer.concat([field(1, query), field(2, DOMAIN)])),
    );
    expect(error.code).toBe(status.INVALID_ARGUMENT);
    expect(error.details).toMatch(
      /^ERROR_INVALID_PARAMETER: The request is not a valid JobTaskStatQuery message\./,
    );
  });

  it.each([49, 70])(
    'should answer a filter value nested %i levels deep with the code REST gives it',
    async (depth) => {
      const filter = Buffer.concat([
        field(1, 'errors'),
        field(3, nestedStructValue(depth)),
        field(5, 'match'),
      ]);
      const error = await grpcFailure(
        suite.client.raw('list', listRequestWithFilter(filter, DOMAIN)),
      );
      const rest = await restPost(suite.api.url, REST_LIST, {
        domain_id: DOMAIN,
        query: { filter: [{ key: 'errors', value: nestedObject(depth), operator: 'match' }] },
      });
      expect(rest.status).toBe(400);
      expect(error.code).toBe(status.INVALID_ARGUMENT);
      expect(codeOf(error.details)).toBe(codeOf(restErrorView(rest.status, rest.body).details));
    },
  );
});

describe('gRPC request size', () => {
  let suite: GrpcSuite;
  beforeAll(async () => {
    suite = await startGrpcSuite();
  });
  afterAll(() => stopGrpcSuite(suite));

  // JobTaskQuery {keyword = 8 (in Query = 1), domain_id = 9}: only the size differs between the two.
  const withKeyword = (bytes: number) =>
    Buffer.concat([field(1, field(8, 'k'.repeat(bytes))), field(9, DOMAIN)]);

  it('should refuse a message over 1 MiB (REST: 413) before decoding it', async () => {
    const error = await grpcFailure(suite.client.raw('list', withKeyword(1_100_000)));
    expect(error.code).toBe(status.RESOURCE_EXHAUSTED);
    expect(error.details).toMatch(/larger than max \(\d+ vs\.? 1048576\)/);
  });

  it('should still read a message under 1 MiB', async () => {
    const error = await grpcFailure(suite.client.raw('list', withKeyword(1_000_000)));
    expect(error.code).toBe(status.INVALID_ARGUMENT);
    expect(error.details).toMatch(/^ERROR_INVALID_PARAMETER: .*keyword/);
  });
});

describe('gRPC oneof fields spelled both ways', () => {
  let suite: GrpcSuite;
  beforeAll(async () => {
    suite = await startGrpcSuite();
  });
  afterAll(() => stopGrpcSuite(suite));

  it('should refuse a filter carrying both key and k, as REST refuses the same body', async () => {
    const filter = Buffer.concat([
      field(1, 'job_id'),
      field(2, 'provider'),
      field(3, stringValue('aws')),
      field(5, 'eq'),
    ]);
    const error = await grpcFailure(
      suite.client.raw('list', listRequestWithFilter(filter, DOMAIN)),
    );
    const rest = await restPost(suite.api.url, REST_LIST, {
      domain_id: DOMAIN,
      query: { filter: [{ key: 'job_id', k: 'provider', value: 'aws', operator: 'eq' }] },
    });
    expect(rest.status).toBe(400);
    expect(grpcErrorView(error)).toEqual(restErrorView(rest.status, rest.body));
  });

  it('should refuse a filter value setting two kinds instead of reading one of them', async () => {
    const numberFive = Buffer.from([0x11, 0, 0, 0, 0, 0, 0, 0x14, 0x40]); // number_value = 2: 5.0
    const value = Buffer.concat([stringValue('aws'), numberFive]);
    const filter = Buffer.concat([field(1, 'provider'), field(3, value), field(5, 'eq')]);
    const error = await grpcFailure(
      suite.client.raw('list', listRequestWithFilter(filter, DOMAIN)),
    );
    expect(error.code).toBe(status.INVALID_ARGUMENT);
    expect(error.details).toBe(
      'ERROR_INVALID_PARAMETER: A google.protobuf.Value sets more than one kind. (key = request, reason = stringValue and numberValue are one oneof)',
    );
  });

  it('should refuse a group key carrying both name and n, as REST refuses the same body', async () => {
    // AggregateGroupKey {key = 1, name = 3, n = 4} in StatisticsAggregate.group.keys
    const groupKey = Buffer.concat([field(1, 'provider'), field(3, 'p'), field(4, 'q')]);
    const query = field(3, field(2, field(1, groupKey)));
    const error = await grpcFailure(
      suite.client.raw('stat', Buffer.concat([field(1, query), field(2, DOMAIN)])),
    );
    const rest = await restPost(suite.api.url, REST_STAT, {
      domain_id: DOMAIN,
      query: { aggregate: { group: { keys: [{ key: 'provider', name: 'p', n: 'q' }] } } },
    });
    expect(rest.status).toBe(400);
    expect(grpcErrorView(error)).toEqual(restErrorView(rest.status, rest.body));
  });
});

describe('gRPC requests that do not decode, with API keys', () => {
  const key = 'wire-reader-key-0123456789';
  let suite: GrpcSuite;
  beforeAll(async () => {
    suite = await startGrpcSuite({ API_KEYS: `${key}=${DOMAIN}` });
  });
  afterAll(() => stopGrpcSuite(suite));

  it('should authenticate first, as REST does with a body that is not JSON', async () => {
    const garbage = Buffer.from([0x0a, 0xff, 0xff, 0x01]);
    const anonymous = await grpcFailure(suite.client.raw('list', garbage));
    expect(anonymous.code).toBe(status.UNAUTHENTICATED);
    const keyed = await grpcFailure(suite.client.raw('list', garbage, { apiKey: key }));
    expect(keyed.code).toBe(status.INVALID_ARGUMENT);
  });
});
