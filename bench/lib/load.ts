import autocannon from 'autocannon';
import { latencySummary, type LatencySummary } from './stats';

export interface HttpRequestSpec {
  method: 'POST' | 'GET';
  path: string;
  body?: string;
}

export interface LoadResult {
  latency: LatencySummary;
  requests: number;
  perSecond: number;
  non2xx: number;
  errors: number;
}

/**
 * A closed-loop load run with autocannon: `connections` keep-alive connections, each cycling through `requests`
 * in order. Latencies are collected from every response at full resolution (autocannon's own histogram keeps
 * whole milliseconds, too coarse for cache hits).
 */
export async function runLoad(
  baseUrl: string,
  requests: readonly HttpRequestSpec[],
  connections: number,
  seconds: number,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let non2xx = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: baseUrl,
        connections,
        duration: seconds,
        timeout: 30,
        requests: requests.map((r) => ({
          method: r.method,
          path: r.path,
          headers: { 'content-type': 'application/json' },
          ...(r.body !== undefined && { body: r.body }),
        })),
      },
      (error: unknown, done: autocannon.Result) =>
        error
          ? reject(error instanceof Error ? error : new Error(JSON.stringify(error)))
          : resolve(done),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
      else non2xx += 1;
    });
  });
  if (latencies.length === 0)
    throw new Error(
      `no successful response from ${baseUrl} (${non2xx} non-2xx, ${result.errors} errors)`,
    );
  return {
    latency: latencySummary(latencies),
    requests: latencies.length + non2xx,
    perSecond: (latencies.length + non2xx) / seconds,
    non2xx,
    errors: result.errors,
  };
}
