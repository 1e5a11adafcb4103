import type { ProjectorConfig } from '@app/config';
import { JsonLogger } from '@app/platform';
import { KafkaJSNonRetriableError, type Consumer } from 'kafkajs';
import { ProjectorMetrics } from '../metrics/projector.metrics';
import { KafkaBatchConsumer } from './kafka-batch.consumer';
import type { WindowPipeline } from './window.pipeline';

/** The part of a kafkajs consumer the rewind uses; `groupGone` is kafkajs between a crash and its restart. */
class StubConsumer {
  readonly events = { GROUP_JOIN: 'consumer.group_join', CRASH: 'consumer.crash' };
  readonly calls: string[] = [];
  groupGone = false;

  on(): void {}

  seek({ partition, offset }: { partition: number; offset: string }): void {
    this.calls.push(`seek ${partition}@${offset}`);
  }

  pause(topics: { topic: string; partitions?: number[] }[]): void {
    this.calls.push(`pause ${topics.map((t) => t.partitions?.join() ?? t.topic).join()}`);
  }

  disconnect(): Promise<void> {
    this.calls.push('disconnect');
    return Promise.resolve();
  }

  resume(topics: { partitions: number[] }[]): void {
    // What kafkajs' consumer.resume does while its consumer group is torn down (a crash awaiting its restart).
    if (this.groupGone)
      throw new KafkaJSNonRetriableError(
        'Consumer group was not initialized, consumer#run must be called first',
      );
    this.calls.push(`resume ${topics.flatMap((t) => t.partitions).join()}`);
  }
}

function setup() {
  const consumer = new StubConsumer();
  const metrics = new ProjectorMetrics();
  const logger = new JsonLogger('error', 'consumer-test');
  const warn = jest.spyOn(logger, 'event');
  const config = { kafka: { topic: 'events', topicPartitions: 3 } } as ProjectorConfig;
  const sut = new KafkaBatchConsumer(consumer as unknown as Consumer, metrics, logger, config, {
    groupId: 'g',
    fromBeginning: true,
    target: { name: 'tasks', isAlias: true },
  });
  return { sut, consumer, metrics, warn };
}

describe(KafkaBatchConsumer.name, () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('should seek, pause, and resume the partition once its backoff has passed', async () => {
    const { sut, consumer, metrics } = setup();

    sut.rewind(1, 40, 200);
    expect((await metrics.pausedPartitions.get()).values[0]?.value).toBe(1);
    jest.advanceTimersByTime(200);

    expect(consumer.calls).toEqual(['seek 1@40', 'pause 1', 'resume 1']);
    expect((await metrics.pausedPartitions.get()).values[0]?.value).toBe(0);
  });

  it('should survive a resume timer that fires while kafkajs restarts the consumer after a crash', async () => {
    const { sut, consumer, metrics, warn } = setup();
    sut.rewind(0, 7, 200);
    consumer.groupGone = true;

    // A throw here would be an uncaught exception in a timer callback: the process would exit.
    expect(() => jest.advanceTimersByTime(200)).not.toThrow();

    expect((await metrics.pausedPartitions.get()).values[0]?.value).toBe(0);
    expect(warn).toHaveBeenCalledWith(
      'warn',
      'could not resume the partition',
      expect.objectContaining({ partition: 0 }),
    );
  });

  it('should pause the whole topic before draining on stop, and resume nothing while it drains', async () => {
    const { sut, consumer, metrics } = setup();
    sut.rewind(2, 5, 200);
    let finishDrain: () => void = () => undefined;
    const drain = jest.fn(
      () =>
        new Promise<void>((resolve) => {
          consumer.calls.push('drain');
          finishDrain = resolve;
        }),
    );
    sut.attach({ drain } as unknown as WindowPipeline);

    const stopped = sut.stop();
    // A flush of the drain that fails rewinds its partition: the pause stays, no resume timer is set.
    sut.rewind(0, 9, 200);
    jest.advanceTimersByTime(1_000);
    finishDrain();
    await stopped;

    expect(drain).toHaveBeenCalledWith('shutdown');
    expect(consumer.calls).toEqual([
      'seek 2@5',
      'pause 2',
      'pause events',
      'drain',
      'seek 0@9',
      'pause 0',
      'disconnect',
    ]);
    expect((await metrics.pausedPartitions.get()).values[0]?.value).toBe(0);
    expect(sut.status.state).toBe('stopped');
  });

  it('should still drain and disconnect when kafkajs cannot pause (the consumer never ran)', async () => {
    const { sut, consumer } = setup();
    consumer.pause = () => {
      throw new KafkaJSNonRetriableError(
        'Consumer group was not initialized, consumer#run must be called first',
      );
    };
    const drain = jest.fn(() => Promise.resolve());
    sut.attach({ drain } as unknown as WindowPipeline);

    await sut.stop();

    expect(drain).toHaveBeenCalledWith('shutdown');
    expect(consumer.calls).toEqual(['disconnect']);
  });
});
