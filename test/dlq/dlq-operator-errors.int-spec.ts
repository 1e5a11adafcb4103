import { freePort, testStack, uniqueName } from '@app/testing';
import { Kafka, logLevel, type Admin, type IHeaders } from 'kafkajs';
import { runDlqCli } from './dlq-cli';

/*
 * The CLI against the real Kafka when the operator's input or the cluster is not what it should be: copies of a
 * dead letter that came back from earlier replays, offsets that name nothing, topics that do not exist, a broker
 * that does not answer. Dead letters are written straight to the DLQ topic (with the headers the projector writes),
 * so each case controls exactly what the topic holds.
 */
describe('npm run dlq: copies, bad coordinates, missing topics and an unreachable Kafka', () => {
  const eventsTopic = uniqueName('dlq-ops-events');
  const dlqTopic = `${eventsTopic}.dlq`;
  const env = {
    KAFKA_BROKERS: testStack.kafkaBrokers.join(','),
    KAFKA_CLIENT_ID: 'dlq-ops-test',
    EVENTS_TOPIC: eventsTopic,
  };
  const kafka = new Kafka({
    brokers: testStack.kafkaBrokers,
    clientId: 'dlq-ops-probe',
    logLevel: logLevel.NOTHING,
  });
  let admin: Admin;
  const cli = (args: string[], overrides: Record<string, string> = {}) =>
    runDlqCli(args, { ...env, ...overrides });
  const eventsEnd = async (): Promise<number> =>
    (await admin.fetchTopicOffsets(eventsTopic)).reduce((n, o) => n + Number(o.high), 0);

  const letter = (
    key: string,
    source: [number, number],
    replayedFrom?: string,
  ): { key: string; value: string; partition: number; headers: IHeaders } => ({
    key,
    value: JSON.stringify({ event_id: `e-${key}`, job_task_id: key }),
    partition: 0,
    headers: {
      'dlq.reason': 'TOO_LARGE',
      'dlq.message': 'the value is over MAX_EVENT_BYTES',
      'dlq.source.topic': eventsTopic,
      'dlq.source.partition': String(source[0]),
      'dlq.source.offset': String(source[1]),
      ...(replayedFrom === undefined ? {} : { 'replayed-from': replayedFrom }),
    },
  });

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [eventsTopic, dlqTopic].map((topic) => ({ topic, numPartitions: 3 })),
    });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: dlqTopic,
      acks: -1,
      messages: [
        letter('task-a', [0, 5]), // 0:0, the first rejection of task-a's event
        letter('task-a', [0, 9], `${dlqTopic}/0/0`), // 0:1, it came back from a replay of 0:0
        letter('task-a', [0, 12], `${dlqTopic}/0/1`), // 0:2, and back again from a replay of 0:1
        letter('task-b', [1, 3]), // 0:3
        letter('task-b', [1, 3]), // 0:4, the same source record dead-lettered twice (redelivery)
      ],
    });
    await producer.disconnect();
  });
  afterAll(async () => {
    await admin.deleteTopics({ topics: [eventsTopic, dlqTopic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('should replay each dead event once, however many copies of it the DLQ holds', async () => {
    const dry = await cli(['replay', '--reason', 'TOO_LARGE', '--dry-run']);
    expect(dry).toMatchObject({ code: 0 });
    expect(dry.stdout).toContain('would replay 0:0 TOO_LARGE key=task-a');
    expect(dry.stdout).toContain('would replay 0:3 TOO_LARGE key=task-b');
    expect(dry.stdout).toContain('would skip 0:1 (a copy of 0:0)');
    expect(dry.stdout).toContain('would skip 0:4 (a copy of 0:3)');
    expect(dry.stdout).toContain('dry run: 2 record(s) would be replayed');

    const before = await eventsEnd();
    const replay = await cli(['replay', '--reason', 'TOO_LARGE']);
    expect(replay).toMatchObject({ code: 0 });
    expect(replay.stdout).toContain(
      `replayed 2 record(s) from ${dlqTopic} to ${eventsTopic} (skipped 3 copies of them)`,
    );
    expect((await eventsEnd()) - before).toBe(2);
  });

  it('should send one record for a range that holds only copies of the same event', async () => {
    const before = await eventsEnd();
    const replay = await cli(['replay', '--offsets', '0:1-2']);
    expect(replay.stdout).toContain('replayed 1 record(s)');
    expect((await eventsEnd()) - before).toBe(1);
  });

  it.each([
    [['replay', '--offsets', '7:0-3'], `${dlqTopic} has no partition 7 (it has 0-2)`],
    [['replay', '--offsets', '0:50-60'], `partition 0 of ${dlqTopic} holds offsets 0-4`],
    [['replay', '--offsets', '1:0', '--dry-run'], `partition 1 of ${dlqTopic} holds no records`],
  ])('should refuse %j naming what exists, and send nothing', async (args, message) => {
    const before = await eventsEnd();
    const result = await cli(args);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`DLQ.OFFSETS_OUT_OF_RANGE: --offsets ${args[2]!}: ${message}`);
    expect(result.stdout).toBe('');
    expect(await eventsEnd()).toBe(before);
  });

  it('should fail on a dead-letter topic that does not exist, rather than report an empty one', async () => {
    const missing = uniqueName('dlq-ops-missing');
    const result = await cli(['summary'], { DLQ_TOPIC: missing });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      `DLQ.TOPIC_NOT_FOUND: the dead-letter topic ${missing} does not exist`,
    );
    expect(await admin.listTopics()).not.toContain(missing);
  });

  it('should refuse to replay into an events topic that does not exist, dry run or not', async () => {
    const missing = uniqueName('dlq-ops-missing');
    for (const args of [
      ['replay', '--reason', 'TOO_LARGE'],
      ['replay', '--reason', 'TOO_LARGE', '--dry-run'],
    ]) {
      const result = await cli(args, { EVENTS_TOPIC: missing, DLQ_TOPIC: dlqTopic });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        `DLQ.TOPIC_NOT_FOUND: the events topic ${missing} does not exist`,
      );
    }
    expect(await admin.listTopics()).not.toContain(missing);
  });

  it('should fail within seconds with one clear line when Kafka does not answer, keeping stdout clean', async () => {
    const nobody = `127.0.0.1:${await freePort()}`;
    const started = Date.now();
    const result = await cli(['summary'], { KAFKA_BROKERS: nobody });
    expect(result.code).toBe(1);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      `DLQ.KAFKA_UNREACHABLE: cannot reach Kafka at ${nobody} (KAFKA_BROKERS)`,
    );
  });

  it('should exit 1 on a bad setting, naming it, like the other apps (2 is for a mistyped command)', async () => {
    const result = await cli(['summary'], { DLQ_TOPIC: eventsTopic });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('DLQ_TOPIC');
    expect(result.stderr).toContain('CONFIG');
  });
});
