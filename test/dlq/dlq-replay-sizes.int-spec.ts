import { testStack, uniqueName } from '@app/testing';
import { CompressionTypes, Kafka, logLevel, type Admin, type Message } from 'kafkajs';
import { runDlqCli } from './dlq-cli';

/*
 * `replay` against the real Kafka with dead letters of the sizes TOO_LARGE produces: many records that each fit
 * the events topic but not all in one send, and a record that only ever fitted compressed (an emitter with gzip on).
 * Written straight to the DLQ topic with the headers the projector writes.
 */
describe('npm run dlq replay: records as large as the events topic takes', () => {
  const eventsTopic = uniqueName('dlq-sizes-events');
  const dlqTopic = `${eventsTopic}.dlq`;
  const env = {
    KAFKA_BROKERS: testStack.kafkaBrokers.join(','),
    KAFKA_CLIENT_ID: 'dlq-sizes-test',
    EVENTS_TOPIC: eventsTopic,
  };
  const kafka = new Kafka({ brokers: testStack.kafkaBrokers, logLevel: logLevel.NOTHING });
  let admin: Admin;

  const letter = (i: number, reason: string, bytes: number): Message => ({
    key: `task-${i}`,
    value: Buffer.alloc(bytes, 0x20),
    partition: 0,
    headers: {
      'dlq.reason': reason,
      'dlq.message': 'the value is over MAX_EVENT_BYTES',
      'dlq.source.topic': eventsTopic,
      'dlq.source.partition': '0',
      'dlq.source.offset': String(i),
    },
  });
  const eventsValueLengths = async (count: number): Promise<number[]> => {
    const consumer = kafka.consumer({
      groupId: uniqueName('dlq-sizes-reader'),
      maxWaitTimeInMs: 200,
    });
    const lengths: number[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topic: eventsTopic, fromBeginning: true });
      await consumer.run({
        eachMessage: ({ message }) => {
          lengths.push(message.value?.length ?? -1);
          return Promise.resolve();
        },
      });
      const until = Date.now() + 30_000;
      while (lengths.length < count && Date.now() < until)
        await new Promise((r) => setTimeout(r, 100));
    } finally {
      await consumer.disconnect();
    }
    return lengths;
  };

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [eventsTopic, dlqTopic].map((topic) => ({ topic, numPartitions: 1 })),
    });
    const producer = kafka.producer();
    await producer.connect();
    // Twelve records of 400 KB: each fits the events topic, 4.8 MB together do not fit one record batch.
    for (let i = 0; i < 12; i += 1) {
      await producer.send({
        topic: dlqTopic,
        acks: -1,
        messages: [letter(i, 'TOO_LARGE', 400_000)],
      });
    }
    // Three times the topic's limit decoded, a few KB compressed: the DLQ took it compressed, so may the events topic.
    await producer.send({
      topic: dlqTopic,
      acks: -1,
      compression: CompressionTypes.GZIP,
      messages: [letter(100, 'INVALID_JSON', 6_500_000)],
    });
    await producer.disconnect();
  });
  afterAll(async () => {
    await admin.deleteTopics({ topics: [eventsTopic, dlqTopic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('should replay records that do not fit one send together, every one of them, in order', async () => {
    const result = await runDlqCli(['replay', '--reason', 'TOO_LARGE'], env);

    expect(result.stderr).not.toMatch(/DLQ\.REPLAY_FAILED/);
    expect(result.code).toBe(0);
    expect(await eventsValueLengths(12)).toEqual(Array.from({ length: 12 }, () => 400_000));
  }, 90_000);

  it('should replay a record that only fits the events topic compressed', async () => {
    const result = await runDlqCli(['replay', '--reason', 'INVALID_JSON'], env);

    expect(result.stderr).not.toMatch(/DLQ\.REPLAY_FAILED/);
    expect(result.code).toBe(0);
    expect((await eventsValueLengths(13)).slice(12)).toEqual([6_500_000]);
  }, 90_000);
});
