import type { ProjectorConfig } from '@app/config';
import type { Rejection } from '../src/core/projection.types';
import { DeadLetterProducer } from '../src/kafka/dead-letter.producer';
import { ProjectorMetrics } from '../src/metrics/projector.metrics';
import { readDeadLetters } from './support/dead-letters';
import { sourceMessage } from './support/event-messages';
import { isolatedConfig } from './support/projector-test.config';
import { StackClients } from './support/stack.clients';

function rejection(offset: number, bytes: number): Rejection {
  const source = sourceMessage(Buffer.alloc(bytes, 0x7b), { offset, key: `task-${offset}` });
  return { source, reason: 'INVALID_JSON', message: 'not JSON' };
}

describe(`${DeadLetterProducer.name} (real Kafka)`, () => {
  let config: ProjectorConfig;
  let stack: StackClients;
  let sut: DeadLetterProducer;

  beforeAll(async () => {
    // One partition: every record of a send lands in the one record batch the broker checks against its limit.
    config = isolatedConfig({ EVENTS_TOPIC_PARTITIONS: '1' });
    stack = new StackClients(config);
    await stack.createTopics();
    sut = new DeadLetterProducer(stack.kafka, config, new ProjectorMetrics());
  });

  afterAll(async () => {
    await sut?.beforeApplicationShutdown();
    await stack?.cleanUp();
  });

  it("should dead-letter a window's rejections that together exceed the broker's record-batch limit", async () => {
    // Each is a record the broker accepted on the events topic (its limit is 2 MiB here); together they are not.
    const rejections = [
      rejection(0, 1_200_000),
      ...Array.from({ length: 3_000 }, (_, i) => rejection(i + 1, 1_000)),
      rejection(3_001, 1_200_000),
    ];

    await expect(sut.send(rejections)).resolves.toBeUndefined();

    const records = await readDeadLetters(stack.kafka, config.kafka.dlqTopic, rejections.length);
    expect(records.map((r) => Number(r.headers['dlq.source.offset']))).toEqual(
      rejections.map((r) => r.source.offset),
    );
    expect(records.map((r) => r.value?.length)).toEqual(
      rejections.map((r) => r.source.value?.length),
    );
  });
});
