import { type RunningGrpcApi, startApiWithGrpc } from '../api-test-app';
import { dropJobTasks, seedJobTasks } from '../seed-index';
import { fixedClock, MINE, THEIRS } from './job-task.fixture';
import { JobTaskGrpcClient } from './job-task-grpc.client';

export interface GrpcSuite {
  api: RunningGrpcApi;
  client: JobTaskGrpcClient;
}

/** The real hybrid app (own alias, fixed clock) seeded with both tenants, and a gRPC client. */
export async function startGrpcSuite(env: Record<string, string> = {}): Promise<GrpcSuite> {
  const api = await startApiWithGrpc(env, fixedClock);
  await seedJobTasks(api.config.elasticsearch.alias, [...MINE, ...THEIRS]);
  return { api, client: new JobTaskGrpcClient(api.grpcAddress) };
}

export async function stopGrpcSuite(suite: GrpcSuite | undefined): Promise<void> {
  if (!suite) return;
  suite.client.close();
  await suite.api.close();
  await dropJobTasks(suite.api.config.elasticsearch.alias);
}
