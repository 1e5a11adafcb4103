import { logLevel, Partitioners } from 'kafkajs';
import { JsonLogger } from '../logging/json-logger';
import { createKafka, kafkaLogLevel } from './kafka-client';

const entry = (level: logLevel, message: string) => ({
  level,
  log: { message, timestamp: '2026-12-06T22:22:50.512Z', logger: 'kafkajs' },
});

describe(kafkaLogLevel.name, () => {
  it('should write a failed broker response as a warning: the caller retries it or fails loudly itself', () => {
    const sut = kafkaLogLevel(
      entry(logLevel.ERROR, 'Response InitProducerId(key: 22, version: 1)'),
    );

    expect(sut).toBe('warn');
  });

  it.each([
    [
      logLevel.ERROR,
      '[Consumer] Crash: KafkaJSNumberOfRetriesExceeded: connect ECONNREFUSED',
      'error',
    ],
    [
      logLevel.ERROR,
      'Failed to connect to seed broker, trying another broker from the list',
      'error',
    ],
    [logLevel.WARN, 'Response Fetch(key: 1, version: 11)', 'warn'],
    [logLevel.INFO, 'Consumer has joined the group', 'info'],
    [logLevel.DEBUG, 'Response Metadata(key: 3, version: 6)', 'debug'],
  ])('should keep kafkajs level %i for "%s" as %s', (level, message, expected) => {
    expect(kafkaLogLevel(entry(level, message))).toBe(expected);
  });
});

describe(createKafka.name, () => {
  it('should keep the idempotent producer free of a retry limit kafkajs warns about', () => {
    const lines: string[] = [];
    const kafka = createKafka(
      {
        brokers: ['127.0.0.1:9092'],
        clientId: 'test',
        topic: 't',
        dlqTopic: 't.dlq',
        topicPartitions: 1,
      },
      new JsonLogger('debug', 'test', (line) => lines.push(line)),
    );

    // Building a producer connects nothing.
    kafka.producer({ idempotent: true, createPartitioner: Partitioners.DefaultPartitioner });

    expect(lines).toEqual([]);
  });
});
