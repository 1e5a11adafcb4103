import type { ProjectorConfig } from '@app/config';
import { DLQ_REASONS, jobTaskDocumentId } from '@app/domain';
import type { INestApplication } from '@nestjs/common';
import type { Message } from 'kafkajs';
import { readDeadLetters } from './support/dead-letters';
import { wireEvent } from './support/event-messages';
import { expectedDocuments } from './support/expected-documents';
import { isolatedConfig } from './support/projector-test.config';
import { startReadyProjector, stopProjector } from './support/projector.harness';
import { StackClients } from './support/stack.clients';

const TASK = 'dlq-task';
const valid = (type: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify(wireEvent(type, { job_task_id: TASK, ...extra }));

/** One message per DLQ reason, each followed by a valid event of the same task on the same partition. */
function poisonedStream(maxEventBytes: number): { messages: Message[]; bad: Map<string, Message> } {
  const bad = new Map<string, Message>([
    [
      'TOO_LARGE',
      { key: TASK, value: valid('job_task.started', { pad: 'x'.repeat(maxEventBytes) }) },
    ],
    ['INVALID_JSON', { key: TASK, value: Buffer.from([0x7b, 0xff, 0xfe, 0x22]) }],
    ['NOT_AN_OBJECT', { key: TASK, value: '[1,2,3]' }],
    ['MISSING_FIELD', { key: TASK, value: valid('job_task.started', { event_id: null }) }],
    [
      'INVALID_FIELD',
      { key: TASK, value: valid('job_task.resource_succeeded', { data: { count: '3' } }) },
    ],
    ['UNKNOWN_EVENT_TYPE', { key: TASK, value: valid('job_task.exploded') }],
    [
      'INVALID_TIMESTAMP',
      { key: TASK, value: valid('job_task.started', { occurred_at: '2026-11-28T10:00:00' }) },
    ],
    ['KEY_MISMATCH', { key: null, value: valid('job_task.started') }],
    [
      'INVALID_COUNT',
      { key: TASK, value: valid('job_task.resource_failed', { data: { count: 2.5 } }) },
    ],
  ]);
  const messages: Message[] = [{ key: TASK, value: valid('job_task.created') }];
  let n = 0;
  for (const message of bad.values()) {
    messages.push({ ...message, partition: 0 });
    n += 1;
    messages.push({
      key: TASK,
      value: valid('job_task.resource_succeeded', { data: { count: n } }),
      partition: 0,
    });
  }
  return { messages, bad };
}

describe('projector dead-lettering (real Kafka and Elasticsearch)', () => {
  let config: ProjectorConfig;
  let stack: StackClients;
  let app: INestApplication;

  beforeAll(async () => {
    config = isolatedConfig({ MAX_EVENT_BYTES: '65536' });
    stack = new StackClients(config);
    app = await startReadyProjector(config);
  });

  afterAll(async () => {
    await stopProjector(app, stack);
  });

  it('should dead-letter every reason with the original bytes and headers while the partition keeps flowing', async () => {
    const { messages, bad } = poisonedStream(config.projector.maxEventBytes);
    const ends = await (await stack.kafkaAdmin()).fetchTopicOffsets(config.kafka.topic);
    const base = Number(ends.find((e) => e.partition === 0)?.high ?? 0);

    await stack.produce(messages.map((m) => ({ ...m, partition: 0 })));
    await stack.waitForGroupCaughtUp();

    const records = await readDeadLetters(stack.kafka, config.kafka.dlqTopic, bad.size);
    expect(records.map((r) => r.headers['dlq.reason']).sort()).toEqual([...DLQ_REASONS].sort());
    for (const record of records) {
      const reason = record.headers['dlq.reason']!;
      const original = bad.get(reason)!;
      expect(record.value).toEqual(Buffer.from(original.value as Buffer | string));
      expect(record.key).toEqual(
        original.key === null ? null : Buffer.from(original.key as string),
      );
      expect(record.headers).toMatchObject({
        'dlq.source.topic': config.kafka.topic,
        'dlq.source.partition': '0',
        'dlq.message': expect.any(String),
      });
      const offset = Number(record.headers['dlq.source.offset']);
      expect(messages[offset - base]?.value).toEqual(original.value);
    }
    const [stored] = (
      await stack.es.mget({
        index: config.elasticsearch.alias,
        ids: [jobTaskDocumentId('domain-1', TASK)],
      })
    ).docs;
    expect(stored && '_source' in stored && stored._source).toEqual(
      expectedDocuments(messages, config.projector.maxEventBytes).get(
        jobTaskDocumentId('domain-1', TASK),
      ),
    );
    expect(stored && '_source' in stored && stored._source).toMatchObject({
      success_count: 45,
      status: 'IN_PROGRESS',
    });
  });

  it('should dead-letter an event Elasticsearch cannot index and apply the rest of its task', async () => {
    const task = 'oversized-task';
    const event = (type: string, extra: Record<string, unknown> = {}): Message => ({
      key: task,
      value: JSON.stringify(wireEvent(type, { job_task_id: task, ...extra })),
    });
    // Valid for the contract and under the size limit, but a keyword term over Lucene's 32766-byte limit.
    const oversized = event('job_task.created', { data: { job_id: 'j'.repeat(40_000) } });
    const stream = [
      event('job_task.started'),
      oversized,
      event('job_task.resource_succeeded', { data: { count: 4 } }),
    ];

    await stack.produce(stream);
    await stack.waitForGroupCaughtUp();

    const all = await readDeadLetters(stack.kafka, config.kafka.dlqTopic, 10);
    const records = all.filter((r) => r.headers['dlq.message']?.includes('Elasticsearch rejected'));
    expect(records).toHaveLength(1);
    expect(records[0]?.headers['dlq.reason']).toBe('INVALID_FIELD');
    expect(records[0]?.value).toEqual(Buffer.from(oversized.value as string));
    const [stored] = (
      await stack.es.mget({
        index: config.elasticsearch.alias,
        ids: [jobTaskDocumentId('domain-1', task)],
      })
    ).docs;
    expect(stored && '_source' in stored && stored._source).toMatchObject({
      status: 'IN_PROGRESS',
      success_count: 4,
      job_id: null,
    });
  });
});
