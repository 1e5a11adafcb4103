import { buildPathEnv, type AppBuild } from './app-build';
import { freePort, startNode, waitForHttp, type Child } from './child';
import { ES_URL, KAFKA_BROKERS, REDIS_URL } from './stack';

export interface RunningApi {
  child: Child;
  url: string;
}

/** Starts the compiled API against `alias`, with or without its Redis answer cache, on a free loopback port. */
export async function startApi(
  build: AppBuild,
  spec: { alias: string; redisPrefix: string; cache: boolean; name: string },
): Promise<RunningApi> {
  const port = await freePort();
  const grpcPort = await freePort();
  const child = startNode(spec.name, ['-r', 'tsconfig-paths/register', build.apiMain], {
    ...buildPathEnv(build),
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    KAFKA_BROKERS: KAFKA_BROKERS.join(','),
    ELASTICSEARCH_URL: ES_URL,
    JOB_TASKS_ALIAS: spec.alias,
    REDIS_URL,
    REDIS_KEY_PREFIX: spec.redisPrefix,
    API_PORT: String(port),
    API_GRPC_PORT: String(grpcPort),
    API_KEYS: '',
    CACHE_ENABLED: String(spec.cache),
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/ready`, 60_000, child);
  return { child, url };
}
