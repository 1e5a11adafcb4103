import { JsonLogger } from '@app/platform';
import type { Admin, ITopicConfig } from 'kafkajs';
import { DLQ_RECORD_HEADROOM_BYTES } from '../projector.settings';
import { ensureDeadLetterTopicFits, TOPIC_VISIBILITY_WAITS_MS } from './dead-letter-topic.sizing';

const SPEC = { topic: 'events', dlqTopic: 'events.dlq', partitions: 3, exists: false };

type Answer = number | Error;

/**
 * A Kafka admin that answers describeConfigs from `limits` (a list is answered in turn, its last answer for good) and
 * records the topics it is asked to create.
 */
function stubAdmin(
  limits: Record<string, Answer | Answer[]>,
  createFailures: Error[] = [],
): { admin: Admin; creates: ITopicConfig[][] } {
  const creates: ITopicConfig[][] = [];
  const admin = {
    describeConfigs: ({ resources }: { resources: { name: string }[] }) => {
      const entry = limits[resources[0]!.name]!;
      const answers = Array.isArray(entry) ? entry : [entry];
      const limit = answers.length > 1 ? answers.shift() : answers[0];
      if (limit instanceof Error) return Promise.reject(limit);
      return Promise.resolve({
        resources: [
          { configEntries: [{ configName: 'max.message.bytes', configValue: String(limit) }] },
        ],
      });
    },
    createTopics: ({ topics }: { topics: ITopicConfig[] }) => {
      creates.push(topics);
      const failure = createFailures.shift();
      return failure ? Promise.reject(failure) : Promise.resolve(true);
    },
  } as unknown as Admin;
  return { admin, creates };
}

function protocolError(type: string, retriable: boolean): Error {
  return Object.assign(new Error(`broker says ${type}`), { type, retriable });
}

describe(ensureDeadLetterTopicFits.name, () => {
  let lines: Record<string, unknown>[];
  let logger: JsonLogger;

  beforeEach(() => {
    lines = [];
    logger = new JsonLogger('warn', 'test', (line) =>
      lines.push(JSON.parse(line) as Record<string, unknown>),
    );
  });

  it("should create the dead-letter topic with the events topic's limit plus the headroom", async () => {
    const { admin, creates } = stubAdmin({
      events: 2_097_152,
      'events.dlq': 2_097_152 + DLQ_RECORD_HEADROOM_BYTES,
    });

    const sut = await ensureDeadLetterTopicFits(admin, SPEC, logger);

    expect(sut).toBe(true);
    expect(creates).toEqual([
      [
        {
          topic: 'events.dlq',
          numPartitions: 3,
          configEntries: [
            { name: 'max.message.bytes', value: String(2_097_152 + DLQ_RECORD_HEADROOM_BYTES) },
          ],
        },
      ],
    ]);
    expect(lines).toEqual([]);
  });

  it("should not ask for more than Kafka's largest limit", async () => {
    const { admin, creates } = stubAdmin({ events: 2_147_483_000, 'events.dlq': 2_147_483_647 });

    await ensureDeadLetterTopicFits(admin, SPEC, logger);

    expect(creates[0]?.[0]?.configEntries).toEqual([
      { name: 'max.message.bytes', value: '2147483647' },
    ]);
  });

  it('should create the topic without the setting, and say so, when the cluster refuses the setting', async () => {
    const refused = Object.assign(new Error('topic creation errors'), {
      errors: [protocolError('POLICY_VIOLATION', false)],
    });
    const { admin, creates } = stubAdmin({ events: 8_388_608, 'events.dlq': 8_388_608 }, [refused]);

    const sut = await ensureDeadLetterTopicFits(admin, SPEC, logger);

    expect(sut).toBe(true);
    expect(creates.map((c) => c[0]?.configEntries)).toEqual([
      [{ name: 'max.message.bytes', value: String(8_388_608 + DLQ_RECORD_HEADROOM_BYTES) }],
      [],
    ]);
    expect(lines.map((l) => l.msg)).toEqual([
      'the cluster refused max.message.bytes for the dead-letter topic',
      'dead-letter topic max.message.bytes is too small for copies of the largest events',
    ]);
  });

  it('should create the topic unsized, with a warning, when the cluster will not say its limits', async () => {
    const { admin, creates } = stubAdmin({
      events: protocolError('TOPIC_AUTHORIZATION_FAILED', false),
    });

    const sut = await ensureDeadLetterTopicFits(admin, SPEC, logger);

    expect(sut).toBe(true);
    expect(creates.map((c) => c[0]?.configEntries)).toEqual([[]]);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'warn',
        msg: 'cannot read max.message.bytes; the dead-letter topic is not sized',
        topic: 'events',
      }),
    ]);
  });

  it('should fail the step (start-up retries it) when the broker is out of reach, creating nothing', async () => {
    const down = Object.assign(new Error('Connection error'), { name: 'KafkaJSConnectionError' });
    const { admin, creates } = stubAdmin({ events: down });

    await expect(ensureDeadLetterTopicFits(admin, SPEC, logger)).rejects.toBe(down);
    expect(creates).toEqual([]);
  });

  it('should ask again while a topic a racing starter just created is not yet known to the broker', async () => {
    const unknown = protocolError('UNKNOWN_TOPIC_OR_PARTITION', true);
    const { admin, creates } = stubAdmin({
      events: [unknown, unknown, 2_097_152],
      'events.dlq': [unknown, 2_097_152 + DLQ_RECORD_HEADROOM_BYTES],
    });

    const sut = await ensureDeadLetterTopicFits(admin, SPEC, logger);

    expect(sut).toBe(true);
    expect(creates[0]?.[0]?.configEntries).toEqual([
      { name: 'max.message.bytes', value: String(2_097_152 + DLQ_RECORD_HEADROOM_BYTES) },
    ]);
    expect(lines).toEqual([]);
  });

  it('should fail the step once a topic stays unknown past the waits', async () => {
    jest.useFakeTimers();
    try {
      const unknown = protocolError('UNKNOWN_TOPIC_OR_PARTITION', true);
      const { admin, creates } = stubAdmin({ events: unknown });

      const sut = ensureDeadLetterTopicFits(admin, SPEC, logger);
      const settled = expect(sut).rejects.toBe(unknown);
      await jest.advanceTimersByTimeAsync(
        TOPIC_VISIBILITY_WAITS_MS.reduce((total, wait) => total + wait, 0),
      );

      await settled;
      expect(creates).toEqual([]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('should only check a dead-letter topic that exists, naming a smaller limit and the command that fixes it', async () => {
    const { admin, creates } = stubAdmin({ events: 1_048_588, 'events.dlq': 1_048_588 });

    const sut = await ensureDeadLetterTopicFits(admin, { ...SPEC, exists: true }, logger);

    expect(sut).toBe(false);
    expect(creates).toEqual([]);
    expect(lines).toEqual([
      expect.objectContaining({
        msg: 'dead-letter topic max.message.bytes is too small for copies of the largest events',
        eventsMaxMessageBytes: 1_048_588,
        dlqMaxMessageBytes: 1_048_588,
        fix: `kafka-configs.sh --bootstrap-server <broker> --alter --entity-type topics --entity-name events.dlq --add-config max.message.bytes=${1_048_588 + DLQ_RECORD_HEADROOM_BYTES}`,
      }),
    ]);
  });
});
