import { JsonLogger, createKafka } from '@app/platform';
import type { BatchProjectorService, FlushResult } from '../src/batch/batch-projector.service';
import type { WriteWindow } from '../src/batch/write-window';
import { KafkaBatchConsumerFactory } from '../src/batch/kafka-batch.consumer';
import { ProjectorMetrics } from '../src/metrics/projector.metrics';
import { isolatedConfig } from './support/projector-test.config';
import { StackClients } from './support/stack.clients';

/**
 * The offset-commit rule against the real kafkajs and broker: the store is replaced by a flush that fails a given
 * offset a few times, so we can watch what kafkajs redelivers after the partition is rewound (seek), paused and
 * resumed — while the fetch position runs ahead of the commit during a pending window.
 */
describe('partition pause and redelivery (real Kafka)', () => {
  const config = isolatedConfig({ EVENTS_TOPIC_PARTITIONS: '1', PROJECTOR_RETRY_MAX_MS: '400' });
  const stack = new StackClients(config);

  afterAll(async () => {
    await stack.cleanUp();
  });

  it('should re-read from the first unapplied offset, never committing past it', async () => {
    const failAt = 37;
    let failuresLeft = 3;
    const deliveries: number[][] = [];
    const committedWhileFailing: number[] = [];
    const projector = {
      decode: () => ({ events: [], rejections: [] }),
      flush: async (window: WriteWindow): Promise<FlushResult> => {
        // One partition without gaps: the window's span lists every offset it took.
        const span = window.spans.get(0);
        const offsets = span
          ? Array.from({ length: span.last - span.first + 1 }, (_, i) => span.first + i)
          : [];
        deliveries.push(offsets);
        const failing = failuresLeft > 0 && offsets.includes(failAt);
        if (!failing) return { notDurable: new Map(), failure: null, isolate: new Set() };
        failuresLeft -= 1;
        if (failuresLeft < 2) committedWhileFailing.push(await committedOffset());
        return {
          notDurable: new Map([[0, failAt]]),
          failure: new Error('injected'),
          isolate: new Set(),
        };
      },
    } as unknown as BatchProjectorService;
    const committedOffset = async (): Promise<number> => {
      const [topic] = await (
        await stack.kafkaAdmin()
      ).fetchOffsets({ groupId: config.projector.groupId, topics: [config.kafka.topic] });
      return Number(topic?.partitions[0]?.offset ?? -1);
    };
    await stack.createTopics();
    await stack.produce(
      Array.from({ length: 100 }, (_, i) => ({ key: `k${i}`, value: `v${i}`, partition: 0 })),
    );
    const logger = new JsonLogger('error', 'retry-test');
    const consumers = new KafkaBatchConsumerFactory(
      createKafka(config.kafka, logger),
      projector,
      new ProjectorMetrics(),
      logger,
      config,
    );
    const consumer = consumers.create({
      groupId: config.projector.groupId,
      fromBeginning: true,
      target: { name: 'unused', isAlias: true },
    });

    await consumer.start();
    try {
      await stack.waitForGroupCaughtUp(config.projector.groupId, 60_000);
    } finally {
      await consumer.stop();
    }

    const seen = deliveries.flat();
    expect(seen.filter((o) => o < failAt).sort((a, b) => a - b)).toEqual(
      Array.from({ length: failAt }, (_, i) => i),
    );
    const redeliveries = deliveries.slice(1).filter((d) => d.includes(failAt));
    expect(redeliveries).toHaveLength(3);
    redeliveries.forEach((d) => expect(d[0]).toBe(failAt));
    expect(committedWhileFailing).toEqual([failAt, failAt]);
    expect(seen.filter((o) => o === 99)).toHaveLength(4);
    expect(await committedOffset()).toBe(100);
  });
});
