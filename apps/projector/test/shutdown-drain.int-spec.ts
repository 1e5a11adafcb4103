import { JsonLogger, createKafka } from '@app/platform';
import type { Consumer, Kafka } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BatchProjectorService, FlushResult } from '../src/batch/batch-projector.service';
import { KafkaBatchConsumerFactory } from '../src/batch/kafka-batch.consumer';
import { ProjectorMetrics } from '../src/metrics/projector.metrics';
import { isolatedConfig } from './support/projector-test.config';
import { StackClients } from './support/stack.clients';

const SLOW_FLUSH_MS = 1_500;

/**
 * stop() drains the pending window while kafkajs still runs, so that it can commit. A batch the pipeline refuses
 * while closing is not resolved, and unread data stays unread: unless the partitions are paused, kafkajs would
 * fetch and hand over the same messages again at once, for as long as the (slow) drain lasts.
 */
describe('shutdown drain against the real broker', () => {
  const config = isolatedConfig({ EVENTS_TOPIC_PARTITIONS: '1' });
  const stack = new StackClients(config);

  afterAll(async () => {
    await stack.cleanUp();
  });

  it('should not re-fetch refused batches while stop() writes the pending window', async () => {
    let flushes = 0;
    const projector = {
      decode: () => ({ events: [], rejections: [] }),
      flush: async (): Promise<FlushResult> => {
        flushes += 1;
        // An Elasticsearch that takes its time: the drain outlasts many fetches of a busy topic.
        await sleep(SLOW_FLUSH_MS);
        return { notDurable: new Map(), failure: null, isolate: new Set() };
      },
    } as unknown as BatchProjectorService;
    await stack.createTopics();
    const value = 'x'.repeat(500);
    const messages = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => ({ key: `k${from + i}`, value, partition: 0 }));
    await stack.produce(messages(0, 1_000));

    const counts = { fetches: 0, batches: 0 };
    const logger = new JsonLogger('error', 'drain-test');
    const kafka = createKafka(config.kafka, logger);
    const counting = {
      consumer: (options: Parameters<Kafka['consumer']>[0]): Consumer => {
        const consumer = kafka.consumer(options);
        consumer.on(consumer.events.FETCH, () => (counts.fetches += 1));
        consumer.on(consumer.events.START_BATCH_PROCESS, () => (counts.batches += 1));
        return consumer;
      },
    } as unknown as Kafka;
    const consumer = new KafkaBatchConsumerFactory(
      counting,
      projector,
      new ProjectorMetrics(),
      logger,
      config,
    ).create({
      groupId: config.projector.groupId,
      fromBeginning: true,
      target: { name: 'unused', isAlias: true },
    });

    await consumer.start();
    const until = Date.now() + 30_000;
    while (flushes === 0 && Date.now() < until) await sleep(20);
    expect(flushes).toBe(1);
    // Several fetches' worth (1 MiB per partition and fetch) behind a second window, which fills while the first
    // flush is in flight: the drain writes both, and data is left unread all along.
    await stack.produce(messages(1_000, 20_000));
    await sleep(400);

    const before = { ...counts };
    const startedAt = Date.now();
    await consumer.stop();
    const drainMs = Date.now() - startedAt;
    const during = {
      fetches: counts.fetches - before.fetches,
      batches: counts.batches - before.batches,
    };

    // The flush in flight and at least the window after it were written: the drain took that long.
    expect(drainMs).toBeGreaterThanOrEqual(SLOW_FLUSH_MS);
    // A paused consumer's fetch loop waits maxWaitTime (500 ms) per empty round; a batch or two may already have
    // been in kafkajs' hands when stop() began. Unpaused, this was one fetch and one batch every few ms.
    expect(during.batches).toBeLessThanOrEqual(3);
    expect(during.fetches).toBeLessThanOrEqual(Math.ceil(drainMs / 500) + 3);
  }, 90_000);
});
