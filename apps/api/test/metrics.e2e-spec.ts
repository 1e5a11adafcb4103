import { status } from '@grpc/grpc-js';
import { type RunningGrpcApi, startApiWithGrpc } from './api-test-app';
import { grpcFailure, JobTaskGrpcClient } from './grpc/job-task-grpc.client';
import { aJobTask, dropJobTasks, seedJobTasks } from './seed-index';

// Client-supplied values that must never appear in a label: a domain id, a job id, a path, a header.
const SECRET_DOMAIN = 'domain-secret-4711';
const SECRET_PATH = '/power_scheduler/v1/job-tasks/secret-probe-4711';
const KEY = 'metrics-test-key-0123456789';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function parseExposition(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (match === null) throw new Error(`unparsable exposition line: ${line}`);
      const labels = Object.fromEntries(
        [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]),
      );
      return { name: match[1]!, labels, value: Number(match[3]) };
    });
}

describe('API metrics on /metrics, from real REST and gRPC traffic', () => {
  let api: RunningGrpcApi;
  let grpc: JobTaskGrpcClient;
  const rest = (path: string, init: RequestInit = {}) =>
    fetch(`${api.url}${path}`, {
      ...init,
      headers: {
        'content-type': 'application/json',
        'x-request-id': 'secret-header-4711',
        ...init.headers,
      },
    });
  const search = (body: unknown, key: string | null = KEY) =>
    rest('/power_scheduler/v1/job-tasks/search', {
      method: 'POST',
      body: JSON.stringify(body),
      headers: key === null ? {} : { authorization: `Bearer ${key}` },
    });

  beforeAll(async () => {
    api = await startApiWithGrpc({ API_KEYS: `${KEY}=${SECRET_DOMAIN}` });
    await seedJobTasks(api.config.elasticsearch.alias, [
      aJobTask({
        domain_id: SECRET_DOMAIN,
        job_task_id: 'task-secret-4711',
        job_id: 'job-secret-4711',
      }),
    ]);
    grpc = new JobTaskGrpcClient(api.grpcAddress);

    expect((await search({ domain_id: SECRET_DOMAIN })).status).toBe(200);
    expect((await search({ domain_id: SECRET_DOMAIN })).status).toBe(200); // the cache answers this one
    expect(
      (
        await rest(`/power_scheduler/v1/job-tasks?domain_id=${SECRET_DOMAIN}`, {
          headers: { authorization: `Bearer ${KEY}` },
        })
      ).status,
    ).toBe(200);
    expect((await search({ domain_id: SECRET_DOMAIN }, null)).status).toBe(401);
    expect(
      (
        await search({
          domain_id: SECRET_DOMAIN,
          query: { filter: [{ k: 'secret_key_4711', v: 1, o: 'eq' }] },
        })
      ).status,
    ).toBe(400);
    expect((await rest(SECRET_PATH, { method: 'POST', body: '{}' })).status).toBe(404);
    await grpc.list({ domain_id: SECRET_DOMAIN }, { apiKey: KEY });
    const failure = await grpcFailure(
      grpc.list({ domain_id: SECRET_DOMAIN }, { apiKey: 'wrong-secret-4711' }),
    );
    expect(failure.code).toBe(status.UNAUTHENTICATED);
  });
  afterAll(async () => {
    grpc?.close();
    await api.close();
    await dropJobTasks(api.config.elasticsearch.alias);
  });

  const scrape = async () => {
    const response = await fetch(`${api.url}/metrics`);
    expect(response.headers.get('content-type')).toContain('text/plain');
    return parseExposition(await response.text());
  };
  const count = (samples: Sample[], labels: Record<string, string>) =>
    samples
      .filter((s) => s.name === 'api_request_duration_seconds_count')
      .filter((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v))
      .reduce((sum, s) => sum + s.value, 0);

  it('should time requests by route template, method, status and transport', async () => {
    const samples = await scrape();
    const route = '/power_scheduler/v1/job-tasks/search';
    expect(count(samples, { route, method: 'POST', status: '200', transport: 'rest' })).toBe(2);
    expect(count(samples, { route, method: 'POST', status: '401', transport: 'rest' })).toBe(1);
    expect(count(samples, { route, method: 'POST', status: '400', transport: 'rest' })).toBe(1);
    expect(
      count(samples, { route: '/power_scheduler/v1/job-tasks', method: 'GET', status: '200' }),
    ).toBe(1);
    expect(count(samples, { route: 'unmatched', method: 'POST', status: '404' })).toBe(1);
    expect(count(samples, { route: 'JobTask/list', status: 'OK', transport: 'grpc' })).toBe(1);
    expect(
      count(samples, { route: 'JobTask/list', status: 'UNAUTHENTICATED', transport: 'grpc' }),
    ).toBe(1);
  });

  it('should count rejections by error code, cache results, and time Elasticsearch requests', async () => {
    const samples = await scrape();
    const value = (name: string, labels: Record<string, string>) =>
      samples.find(
        (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
      )?.value;
    expect(
      value('api_requests_rejected_total', {
        code: 'ERROR_AUTHENTICATE_FAILURE',
        transport: 'rest',
      }),
    ).toBe(1);
    expect(
      value('api_requests_rejected_total', {
        code: 'ERROR_AUTHENTICATE_FAILURE',
        transport: 'grpc',
      }),
    ).toBe(1);
    expect(
      value('api_requests_rejected_total', { code: 'ERROR_NOT_FOUND', transport: 'rest' }),
    ).toBe(1);
    expect(
      value('api_requests_rejected_total', { code: 'ERROR_INVALID_PARAMETER', transport: 'rest' }),
    ).toBe(1);
    expect(value('api_cache_requests_total', { result: 'hit' })).toBeGreaterThanOrEqual(1);
    expect(value('api_cache_requests_total', { result: 'miss' })).toBeGreaterThanOrEqual(1);
    expect(
      value('api_elasticsearch_request_duration_seconds_count', {
        endpoint: '_search',
        outcome: 'ok',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(samples.some((s) => s.name === 'api_process_cpu_user_seconds_total')).toBe(true);
  });

  it('should carry no domain id and no client-supplied value in any label', async () => {
    const samples = (await scrape()).filter((s) => s.name.startsWith('api_'));
    const values = new Set(samples.flatMap((s) => Object.values(s.labels)));
    const leaked = [...values].filter((v) => /secret|4711|domain-/.test(v));
    expect(leaked).toEqual([]);
    const routes = new Set(
      samples.filter((s) => s.labels.route !== undefined).map((s) => s.labels.route),
    );
    expect([...routes].sort()).toEqual(
      [
        '/metrics',
        '/power_scheduler/v1/job-tasks',
        '/power_scheduler/v1/job-tasks/search',
        'JobTask/list',
        'unmatched',
      ].sort(),
    );
  });
});
