import type { ProjectorConfig } from '@app/config';
import { jobTaskDocumentId } from '@app/domain';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import { setTimeout as sleep } from 'node:timers/promises';
import { wireEvent } from './support/event-messages';
import { adversarialMessages } from './support/event-streams';
import { expectedDocuments } from './support/expected-documents';
import { isolatedConfig } from './support/projector-test.config';
import { startProjector, stopProjector } from './support/projector.harness';
import { waitUntilReady } from './support/readiness';
import { StackClients } from './support/stack.clients';

describe('projector projection (real Kafka, Elasticsearch, Redis)', () => {
  let config: ProjectorConfig;
  let stack: StackClients;
  let app: INestApplication;

  beforeAll(async () => {
    config = isolatedConfig({ PROJECTOR_MAX_BATCH_EVENTS: '700' });
    stack = new StackClients(config);
    app = await startProjector(config);
  });

  afterAll(async () => {
    await stopProjector(app, stack);
  });

  it('should end exactly as the pure fold, whatever the order, duplication and partitioning', async () => {
    const messages = adversarialMessages(800, 11, config.kafka.topicPartitions);
    await waitUntilReady(app);

    await stack.produce(messages);
    await stack.waitForGroupCaughtUp();

    const expected = expectedDocuments(messages);
    expect(messages.length).toBeGreaterThan(6_000);
    expect(await stack.documents()).toEqual(expected);
  });

  it('should keep the same job_task_id under two domains in two documents that never affect each other', async () => {
    const a = (type: string, extra: Record<string, unknown> = {}) =>
      wireEvent(type, { domain_id: 'tenant-a', job_task_id: 'shared-task', ...extra });
    const b = (type: string, extra: Record<string, unknown> = {}) =>
      wireEvent(type, { domain_id: 'tenant-b', job_task_id: 'shared-task', ...extra });
    const values = [
      a('job_task.created', { data: { job_id: 'job-a' } }),
      b('job_task.created', { data: { job_id: 'job-b' } }),
      a('job_task.resource_succeeded', { data: { count: 3 } }),
      b('job_task.resource_failed', {
        data: { count: 2, error: { error_code: 'E', message: 'b only' } },
      }),
      a('job_task.succeeded'),
    ];
    const messages = values.map((v) => ({ key: 'shared-task', value: JSON.stringify(v) }));

    await stack.produce(messages);
    await stack.waitForGroupCaughtUp();

    const { docs } = await stack.es.mget({
      index: config.elasticsearch.alias,
      ids: [
        jobTaskDocumentId('tenant-a', 'shared-task'),
        jobTaskDocumentId('tenant-b', 'shared-task'),
      ],
    });
    const expected = expectedDocuments(messages);
    const [docA, docB] = docs.map((d) => ('_source' in d ? d._source : undefined));
    expect(docA).toEqual(expected.get(jobTaskDocumentId('tenant-a', 'shared-task')));
    expect(docB).toEqual(expected.get(jobTaskDocumentId('tenant-b', 'shared-task')));
    expect(docA).toMatchObject({
      status: 'SUCCESS',
      success_count: 3,
      failure_count: 0,
      errors: [],
      job_id: 'job-a',
    });
    expect(docB).toMatchObject({
      status: 'IN_PROGRESS',
      success_count: 0,
      failure_count: 2,
      job_id: 'job-b',
    });
  });

  it('should store text outside ASCII exactly as the events carried it', async () => {
    // The bulk body is encoded by the projector itself: multi-byte text must reach the index byte for byte.
    const task = (type: string, extra: Record<string, unknown> = {}) =>
      wireEvent(type, { domain_id: 'tenant-utf8', job_task_id: 'task-ünïcödé', ...extra });
    const values = [
      task('job_task.created', { data: { job_id: 'job-작업-🚀', provider: 'aws' } }),
      ...Array.from({ length: 40 }, (_, i) =>
        task('job_task.resource_failed', {
          data: {
            count: 1,
            error: {
              error_code: `E${i}`,
              message: `수집 실패 ${i}: 接続がタイムアウト 🚨 `.repeat(20),
            },
          },
        }),
      ),
      task('job_task.failed'),
    ];
    const messages = values.map((v) => ({ key: 'task-ünïcödé', value: JSON.stringify(v) }));

    await stack.produce(messages);
    await stack.waitForGroupCaughtUp();

    const id = jobTaskDocumentId('tenant-utf8', 'task-ünïcödé');
    const stored = await stack.es.get({ index: config.elasticsearch.alias, id });
    expect(stored._source).toEqual(expectedDocuments(messages).get(id));
    expect(stored._source).toMatchObject({ job_id: 'job-작업-🚀', failure_count: 40 });
  });

  it('should bump the generation of each domain it wrote to, and expose the counts on /metrics', async () => {
    const key = `${config.redis.keyPrefix}generation:tenant-a`;
    await stack.redis.connect().catch(() => undefined);
    const before = Number((await stack.redis.get(key)) ?? 0);

    await stack.produce([
      {
        key: 'gen-task',
        value: JSON.stringify(
          wireEvent('job_task.started', { domain_id: 'tenant-a', job_task_id: 'gen-task' }),
        ),
      },
    ]);
    await stack.waitForGroupCaughtUp();
    await sleep(2_000);

    expect(Number(await stack.redis.get(key))).toBeGreaterThan(before);
    const metrics = await request(app.getHttpServer() as App)
      .get('/metrics')
      .expect(200);
    expect(metrics.text).toMatch(/projector_events_applied_total \d+/);
    expect(metrics.text).toMatch(/projector_events_duplicate_total [1-9]\d*/);
    expect(metrics.text).toContain('projector_consumer_lag_messages{');
    expect(metrics.text).toContain('projector_bulk_duration_seconds_bucket');
    await request(app.getHttpServer() as App)
      .get('/ready')
      .expect(200);
  });
});
