import { type ApiConfig, loadApiConfig } from '@app/config';
import { JsonLogger } from '@app/platform';
import { freePort, uniqueName } from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import { createApiApp } from '../src/api.app';

export interface RunningApi {
  app: INestApplication;
  config: ApiConfig;
  url: string;
  close(): Promise<void>;
}

/** The real API app, in-process on a free port, against the real stack with its own alias and keys. */
export async function startApi(
  env: Record<string, string> = {},
  clock?: () => Date,
): Promise<RunningApi> {
  const config = loadApiConfig({
    ...process.env,
    JOB_TASKS_ALIAS: uniqueName('api-test-job-tasks'),
    REDIS_KEY_PREFIX: `${uniqueName('api-test')}:`,
    LOG_LEVEL: 'error',
    ...env,
  });
  const app = await createApiApp(config, new JsonLogger('error', 'api-test'), clock);
  await app.listen(0, '127.0.0.1');
  const server = app.getHttpServer() as import('node:http').Server;
  const address = server.address() as import('node:net').AddressInfo;
  return { app, config, url: `http://127.0.0.1:${address.port}`, close: () => app.close() };
}

/** POSTs `body` as given (valid JSON or not) to the running API, as a JSON request. */
export function postText(
  api: RunningApi,
  path: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${api.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
}

export interface RunningGrpcApi extends RunningApi {
  /** host:port of the gRPC server, for a @grpc/grpc-js client. */
  grpcAddress: string;
}

/** startApi plus the gRPC side of the hybrid app, on a free port. */
export async function startApiWithGrpc(
  env: Record<string, string> = {},
  clock?: () => Date,
): Promise<RunningGrpcApi> {
  const port = await freePort();
  const api = await startApi({ ...env, API_GRPC_PORT: String(port) }, clock);
  try {
    await api.app.startAllMicroservices();
  } catch (error) {
    await api.close();
    throw error;
  }
  return { ...api, grpcAddress: `127.0.0.1:${port}` };
}
