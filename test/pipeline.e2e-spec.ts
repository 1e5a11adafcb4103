import type { INestApplication } from '@nestjs/common';
import { testStack } from '@app/testing';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { type RunningApi, startApi } from '../apps/api/test/api-test-app';
import { startProjector } from '../apps/projector/test/support/projector.harness';
import { isolatedEnv } from '../apps/projector/test/support/projector-test.config';
import { loadProjectorConfig } from '@app/config';

/*
 * The product end to end: a scheduler's events on Kafka, the projector, and the API answering from
 * what the projector wrote — with the answer cache on, so a stale answer would show.
 */
const DOMAIN = 'domain-pipeline';

function event(id: string, type: string, at: string, task: string, data?: Record<string, unknown>) {
  return {
    event_id: id,
    event_type: type,
    occurred_at: at,
    domain_id: DOMAIN,
    job_task_id: task,
    ...(data && { data }),
  };
}

async function eventually<T>(
  probe: () => Promise<T>,
  ok: (value: T) => boolean,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('events → projector → API', () => {
  const env = isolatedEnv();
  let projector: INestApplication;
  let api: RunningApi;
  let producer: Producer;

  const send = (...events: Record<string, unknown>[]) =>
    producer.send({
      topic: env.EVENTS_TOPIC ?? '',
      acks: -1,
      messages: events.map((e) => ({ key: String(e.job_task_id), value: JSON.stringify(e) })),
    });
  const list = async (query: unknown = {}) => {
    const res = await fetch(`${api.url}/power_scheduler/v1/job-tasks/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ domain_id: DOMAIN, query }),
    });
    return (await res.json()) as { results?: Record<string, unknown>[]; total_count?: number };
  };

  beforeAll(async () => {
    projector = await startProjector(loadProjectorConfig(env));
    api = await startApi({
      JOB_TASKS_ALIAS: env.JOB_TASKS_ALIAS ?? '',
      REDIS_KEY_PREFIX: env.REDIS_KEY_PREFIX ?? '',
      CACHE_ENABLED: 'true',
    });
    producer = new Kafka({
      brokers: testStack.kafkaBrokers,
      logLevel: logLevel.NOTHING,
    }).producer();
    await producer.connect();
  });
  afterAll(async () => {
    await producer.disconnect();
    await api.close();
    await projector.close();
  });

  it('should serve a task exactly as its lifecycle events describe it', async () => {
    await send(
      event('p-1', 'job_task.succeeded', '2026-11-28T10:00:03.000Z', 'task-1', {
        success_count: 9,
      }),
      event('p-2', 'job_task.resource_failed', '2026-11-28T10:00:02.000Z', 'task-1', {
        error: { error_code: 'ERROR_AUTH', message: 'token expired' },
      }),
      event('p-3', 'job_task.created', '2026-11-28T10:00:00.000Z', 'task-1', {
        job_id: 'job-1',
        provider: 'aws',
      }),
      event('p-4', 'job_task.started', '2026-11-28T10:00:01.000Z', 'task-1'),
      event('p-4', 'job_task.started', '2026-11-28T10:00:01.000Z', 'task-1'),
    );
    const answer = await eventually(
      () => list(),
      (a) => a.results?.[0]?.job_id === 'job-1' && a.results?.[0]?.status === 'SUCCESS',
    );
    expect(answer).toEqual({
      total_count: 1,
      results: [
        {
          job_task_id: 'task-1',
          domain_id: DOMAIN,
          status: 'SUCCESS',
          success_count: 9,
          failure_count: 1,
          errors: [{ error_code: 'ERROR_AUTH', message: 'token expired', additional: {} }],
          job_id: 'job-1',
          secret_id: null,
          provider: 'aws',
          service_account_id: null,
          project_id: null,
          created_at: '2026-11-28T10:00:00.000Z',
          started_at: '2026-11-28T10:00:01.000Z',
          finished_at: '2026-11-28T10:00:03.000Z',
        },
      ],
    });
  });

  it('should show new events through the cache once the projector has applied them', async () => {
    // Cache an answer first: the projector's generation bump must be what makes the new task show.
    await expect(list({ only: ['job_task_id', 'status'] })).resolves.toMatchObject({
      total_count: 1,
    });
    await send(
      event('p-5', 'job_task.created', '2026-11-28T11:00:00.000Z', 'task-2', { job_id: 'job-2' }),
    );
    const after = await eventually(
      () => list({ only: ['job_task_id', 'status'] }),
      (a) => a.total_count === 2,
    );
    expect(after.results).toEqual([
      { job_task_id: 'task-2', status: 'PENDING' },
      { job_task_id: 'task-1', status: 'SUCCESS' },
    ]);
  });

  it('should answer stat over what the projector wrote', async () => {
    const res = await fetch(`${api.url}/power_scheduler/v1/job-tasks/stat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        domain_id: DOMAIN,
        query: {
          aggregate: [
            {
              group: {
                keys: [{ key: 'status', name: 'status' }],
                fields: [{ operator: 'count', name: 'n' }],
              },
            },
          ],
        },
      }),
    });
    await expect(res.json()).resolves.toEqual({
      results: [
        { status: 'PENDING', n: 1 },
        { status: 'SUCCESS', n: 1 },
      ],
    });
  });
});
