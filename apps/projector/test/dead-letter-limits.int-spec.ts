import type { ProjectorConfig } from '@app/config';
import { JsonLogger } from '@app/platform';
import type { INestApplication } from '@nestjs/common';
import { CompressionTypes, ConfigResourceTypes, type Admin, Partitioners } from 'kafkajs';
import { KafkaTopicsAdmin } from '../src/kafka/kafka-topics.admin';
import { DLQ_RECORD_HEADROOM_BYTES } from '../src/projector.settings';
import { readDeadLetters } from './support/dead-letters';
import { isolatedConfig } from './support/projector-test.config';
import { startReadyProjector, stopProjector } from './support/projector.harness';
import { StackClients } from './support/stack.clients';

async function maxMessageBytes(admin: Admin, topic: string): Promise<number> {
  const { resources } = await admin.describeConfigs({
    includeSynonyms: false,
    resources: [
      { type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['max.message.bytes'] },
    ],
  });
  return Number(resources[0]?.configEntries[0]?.configValue);
}

describe('dead-lettering a record as large as the events topic takes (real Kafka and Elasticsearch)', () => {
  let config: ProjectorConfig;
  let stack: StackClients;
  let app: INestApplication;
  let admin: Admin;

  beforeAll(async () => {
    config = isolatedConfig({ EVENTS_TOPIC_PARTITIONS: '1' });
    stack = new StackClients(config);
    admin = stack.kafka.admin();
    await admin.connect();
    app = await startReadyProjector(config);
  });

  afterAll(async () => {
    await admin?.disconnect();
    await stopProjector(app, stack);
  });

  it('should create the dead-letter topic to take what the events topic takes plus the dlq headers', async () => {
    const events = await maxMessageBytes(admin, config.kafka.topic);

    expect(await maxMessageBytes(admin, config.kafka.dlqTopic)).toBe(
      events + DLQ_RECORD_HEADROOM_BYTES,
    );
  });

  it('should dead-letter a record at the events topic limit and move on, where the dlq headers made it too large before', async () => {
    const limit = await maxMessageBytes(admin, config.kafka.topic);
    // As large as one record batch on the events topic may be (batch and record framing: ~90 bytes), so over
    // MAX_EVENT_BYTES (1 MiB by default).
    const value = Buffer.alloc(limit - 200, 0x7b);
    const before = await readDeadLetters(stack.kafka, config.kafka.dlqTopic, 0);

    await stack.produce([{ key: 'big-task', value }]);
    await stack.waitForGroupCaughtUp(config.projector.groupId, 60_000);

    const records = await readDeadLetters(stack.kafka, config.kafka.dlqTopic, before.length + 1);
    const mine = records.slice(before.length);
    expect(mine.map((r) => [r.headers['dlq.reason'], r.value?.equals(value)])).toEqual([
      ['TOO_LARGE', true],
    ]);
  }, 90_000);

  it('should dead-letter a compressed record that decompresses past every limit, by sending it compressed too', async () => {
    const limit = await maxMessageBytes(admin, config.kafka.topic);
    // Three times the limit once decompressed, a few KB on the wire: an emitter with gzip on.
    const value = Buffer.alloc(3 * limit, 0x7b);
    const producer = stack.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const before = await readDeadLetters(stack.kafka, config.kafka.dlqTopic, 0);
    try {
      await producer.send({
        topic: config.kafka.topic,
        acks: -1,
        compression: CompressionTypes.GZIP,
        messages: [{ key: 'huge-task', value }],
      });
    } finally {
      await producer.disconnect();
    }
    await stack.waitForGroupCaughtUp(config.projector.groupId, 60_000);

    const records = await readDeadLetters(stack.kafka, config.kafka.dlqTopic, before.length + 1);
    const mine = records.slice(before.length);
    expect(mine.map((r) => [r.headers['dlq.reason'], r.value?.length])).toEqual([
      ['TOO_LARGE', value.length],
    ]);
  }, 90_000);
});

describe(`${KafkaTopicsAdmin.name}: a dead-letter topic that already exists (real Kafka)`, () => {
  it('should name a dead-letter topic that takes smaller records than the events topic, and the command that fixes it', async () => {
    const config = isolatedConfig({ EVENTS_TOPIC_PARTITIONS: '1' });
    const stack = new StackClients(config);
    const admin = stack.kafka.admin();
    await admin.connect();
    const lines: string[] = [];
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: [
          {
            topic: config.kafka.dlqTopic,
            numPartitions: 1,
            configEntries: [{ name: 'max.message.bytes', value: '1000000' }],
          },
        ],
      });
      const sut = new KafkaTopicsAdmin(
        stack.kafka,
        config,
        new JsonLogger('warn', 'test', (line) => lines.push(line)),
      );

      await sut.ensureTopics();

      const events = await maxMessageBytes(admin, config.kafka.topic);
      const warnings = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(warnings).toEqual([
        expect.objectContaining({
          level: 'warn',
          msg: 'dead-letter topic max.message.bytes is too small for copies of the largest events',
          dlqTopic: config.kafka.dlqTopic,
          eventsMaxMessageBytes: events,
          dlqMaxMessageBytes: 1_000_000,
          fix: expect.stringContaining(
            `--entity-name ${config.kafka.dlqTopic} --add-config max.message.bytes=${events + DLQ_RECORD_HEADROOM_BYTES}`,
          ),
        }),
      ]);
      // An operator's topic is left as it is: changing its settings is theirs to decide.
      expect(await maxMessageBytes(admin, config.kafka.dlqTopic)).toBe(1_000_000);
    } finally {
      await admin.disconnect();
      await stack.cleanUp();
    }
  }, 60_000);
});
