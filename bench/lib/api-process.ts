import { buildPathEnv, type AppBuild } from './app-build';
import { freePort, startNode, waitForHttp, type Child } from './child';
import { profiledProcess, ProfilerControl } from './profiler-control';
import { ES_URL, KAFKA_BROKERS, REDIS_URL } from './stack';

export interface RunningApi {
  child: Child;
  url: string;
  /** Present when started with `profileBase`: starts/stops the V8 profiler inside the API. */
  profiler: ProfilerControl | null;
}

/** Starts the compiled API against `alias`, with or without its Redis answer cache, on a free loopback port. */
export async function startApi(
  build: AppBuild,
  spec: { alias: string; redisPrefix: string; cache: boolean; name: string; profileBase?: string },
): Promise<RunningApi> {
  const port = await freePort();
  const grpcPort = await freePort();
  const profiled = spec.profileBase ? profiledProcess(build.profileHook, spec.profileBase) : null;
  const nodeArgs = [...(profiled?.nodeFlags ?? []), '-r', 'tsconfig-paths/register', build.apiMain];
  const child = startNode(spec.name, nodeArgs, {
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
    ...profiled?.extraEnv,
  });
  const url = `http://127.0.0.1:${port}`;
  // /ready needs Elasticsearch, which a fault test may be holding down for up to a minute.
  await waitForHttp(`${url}/ready`, 180_000, child);
  const profiler = spec.profileBase ? new ProfilerControl(child.pid, spec.profileBase) : null;
  return { child, url, profiler };
}
