import { Client } from '@elastic/elasticsearch';
import type { ServiceError } from '@grpc/grpc-js';
import { testStack } from '@app/testing';
import Redis from 'ioredis';
import type { JobTaskQueryMessage, JobTaskStatQueryMessage } from '../src/grpc/job-task.messages';
import { aJobTask } from './seed-index';
import {
  grpcErrorView,
  grpcListView,
  grpcStatView,
  restErrorView,
  restListView,
} from './grpc/answer.views';
import { DOMAIN } from './grpc/job-task.fixture';
import { type GrpcSuite, startGrpcSuite, stopGrpcSuite } from './grpc/grpc-suite.setup';
import { type ParityCase, PARITY_CASES } from './grpc/parity.cases';
import { protoRequestOf } from './grpc/proto-request.builders';
import { REST_LIST, REST_STAT, restPost } from './grpc/rest.client';

type Outcome = { answer: unknown } | { error: unknown };

async function overRest(suite: GrpcSuite, c: ParityCase): Promise<Outcome> {
  const path = c.rpc === 'list' ? REST_LIST : REST_STAT;
  const { status, body } = await restPost(suite.api.url, path, c.body);
  if (status !== 200) return { error: restErrorView(status, body) };
  if (c.rpc === 'stat') return { answer: body };
  return { answer: restListView(body as Parameters<typeof restListView>[0]) };
}

async function overGrpc(suite: GrpcSuite, c: ParityCase): Promise<Outcome> {
  try {
    if (c.rpc === 'stat') {
      const request = protoRequestOf<JobTaskStatQueryMessage>(c.body);
      return { answer: grpcStatView(await suite.client.stat(request)) };
    }
    const request = protoRequestOf<JobTaskQueryMessage>(c.body);
    return { answer: grpcListView(await suite.client.list(request)) };
  } catch (error) {
    return { error: grpcErrorView(error as ServiceError) };
  }
}

describe('REST and gRPC give the same answers (shared case table)', () => {
  let suite: GrpcSuite;
  beforeAll(async () => {
    // Without the cache each transport computes its own answer instead of replaying the other's.
    suite = await startGrpcSuite({ CACHE_ENABLED: 'false' });
  });
  afterAll(() => stopGrpcSuite(suite));

  it.each(PARITY_CASES.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const rest = await overRest(suite, c);
    const grpc = await overGrpc(suite, c);
    expect('error' in rest).toBe(c.fails === true);
    expect(grpc).toEqual(rest);
  });
});

describe('gRPC shares the REST answer cache', () => {
  let suite: GrpcSuite;
  const es = new Client({ node: testStack.elasticsearchUrl });
  const redis = new Redis(testStack.redisUrl);
  beforeAll(async () => {
    suite = await startGrpcSuite();
  });
  afterAll(async () => {
    await stopGrpcSuite(suite);
    await es.close();
    redis.disconnect();
  });

  it('should replay an answer cached by REST until the domain generation moves', async () => {
    const body = {
      domain_id: DOMAIN,
      query: { only: ['job_task_id', 'status'] },
      job_id: 'job-beta',
    };
    const first = await restPost(suite.api.url, REST_LIST, body);
    expect(first.status).toBe(200);

    // Change a document behind the cache's back, as a projector would before bumping.
    const changed = aJobTask({ domain_id: DOMAIN, job_task_id: 't3', job_id: 'job-beta' });
    await es.index({
      index: `${suite.api.config.elasticsearch.alias}-v1`,
      id: `${DOMAIN}:t3`,
      document: { ...changed, status: 'SUCCESS', projection: {} },
      refresh: 'wait_for',
    });
    const cached = grpcListView(await suite.client.list(protoRequestOf(body)));
    expect(cached).toEqual(restListView(first.body as Parameters<typeof restListView>[0]));

    await redis.incr(`${suite.api.config.redis.keyPrefix}generation:${DOMAIN}`);
    const fresh = grpcListView(await suite.client.list(protoRequestOf(body)));
    expect(fresh.results).toContainEqual({ job_task_id: 't3', status: 'SUCCESS' });
  });
});
