import { status } from '@grpc/grpc-js';
import { type RunningGrpcApi, startApiWithGrpc } from './api-test-app';
import { fixedClock } from './grpc/job-task.fixture';
import { grpcFailure, JobTaskGrpcClient } from './grpc/job-task-grpc.client';
import { REST_LIST, restPost } from './grpc/rest.client';
import { nestedObject } from './grpc/wire-bytes';
import { aJobTask, dropJobTasks, seedJobTasks } from './seed-index';

const DOMAIN = 'grpc-limits-d1';

/* Stored data that REST serves but protobuf cannot carry: an ErrorInfo.additional 60 objects deep. */
describe('gRPC answers past protobuf nesting limit', () => {
  let api: RunningGrpcApi;
  let client: JobTaskGrpcClient;
  beforeAll(async () => {
    api = await startApiWithGrpc({}, fixedClock);
    const additional = nestedObject(60) as Record<string, unknown>;
    await seedJobTasks(api.config.elasticsearch.alias, [
      aJobTask({
        domain_id: DOMAIN,
        job_task_id: 'deep',
        errors: [{ error_code: 'E_DEEP', message: 'deep', additional }],
      }),
      aJobTask({ domain_id: DOMAIN, job_task_id: 'flat' }),
    ]);
    client = new JobTaskGrpcClient(api.grpcAddress);
  });
  afterAll(async () => {
    client?.close();
    await api?.close();
    if (api) await dropJobTasks(api.config.elasticsearch.alias);
  });

  it('should be served over REST', async () => {
    const rest = await restPost(api.url, REST_LIST, { domain_id: DOMAIN });
    expect(rest.status).toBe(200);
    expect(rest.body.total_count).toBe(2);
  });

  it('should fail as a logged ERROR_UNKNOWN with the correlation id, not as an encoder failure', async () => {
    const error = await grpcFailure(
      client.list({ domain_id: DOMAIN }, { requestId: 'grpc-limits-1' }),
    );
    expect(error.code).toBe(status.INTERNAL);
    expect(error.details).toBe(
      'ERROR_UNKNOWN: Internal error; quote correlation id grpc-limits-1 when reporting it.',
    );
    expect(error.metadata.get('x-request-id')).toEqual(['grpc-limits-1']);
  });

  it('should still serve the pages and stats that do not carry it', async () => {
    const flat = await client.list({ domain_id: DOMAIN, job_task_id: 'flat' });
    expect(flat.results?.map((r) => r.job_task_id)).toEqual(['flat']);
    const ids = await client.list({ domain_id: DOMAIN, query: { only: ['job_task_id'] } });
    expect(ids.total_count).toBe(2);
  });
});

/* A deadline shorter than the work: the client gives up, the server must stay well. */
describe('gRPC calls whose deadline passes mid-request', () => {
  let api: RunningGrpcApi;
  let client: JobTaskGrpcClient;
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);
  beforeAll(async () => {
    process.on('unhandledRejection', onRejection);
    api = await startApiWithGrpc({ CACHE_ENABLED: 'false' }, fixedClock);
    const tasks = Array.from({ length: 3000 }, (_, i) =>
      aJobTask({ domain_id: DOMAIN, job_task_id: `t${String(i).padStart(4, '0')}` }),
    );
    await seedJobTasks(api.config.elasticsearch.alias, tasks);
    client = new JobTaskGrpcClient(api.grpcAddress);
  });
  afterAll(async () => {
    process.off('unhandledRejection', onRejection);
    client?.close();
    await api?.close();
    if (api) await dropJobTasks(api.config.elasticsearch.alias);
  });

  it('should end in DEADLINE_EXCEEDED without an unhandled rejection, and keep serving', async () => {
    const calls = Array.from({ length: 5 }, (_, i) =>
      grpcFailure(client.list({ domain_id: DOMAIN }, { deadlineMs: 5 + i })),
    );
    for (const error of await Promise.all(calls)) expect(error.code).toBe(status.DEADLINE_EXCEEDED);
    // Give the abandoned calls time to finish on the server.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(rejections).toEqual([]);
    const answer = await client.list({ domain_id: DOMAIN, query: { page: { limit: 1 } } });
    expect(answer.total_count).toBe(3000);
  });
});
