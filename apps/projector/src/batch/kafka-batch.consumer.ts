import type { ProjectorConfig } from '@app/config';
import { JsonLogger } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import type { Consumer, Kafka } from 'kafkajs';
import { BatchProjectorService } from './batch-projector.service';
import { PartitionBatchHandler } from './partition-batch.handler';
import type { WriteTarget } from '../core/projection.types';
import { TaskStateCache } from './task-state.cache';
import { WindowPipeline, type PartitionControl, type PipelineOptions } from './window.pipeline';
import { ProjectorMetrics } from '../metrics/projector.metrics';
import { KAFKA, PROJECTOR_CONFIG } from '../projector.tokens';
import {
  KAFKA_HEARTBEAT_INTERVAL_MS,
  KAFKA_MAX_BYTES_PER_PARTITION,
  KAFKA_MAX_WAIT_MS,
  KAFKA_SESSION_TIMEOUT_MS,
} from '../projector.settings';

export interface BatchConsumerOptions {
  groupId: string;
  fromBeginning: boolean;
  target: WriteTarget;
  onCommitted?: PipelineOptions['onCommitted'];
  /** Age bound of a window while behind; the rebuild's is larger (nothing reads its index yet). */
  flushMaxIntervalMs?: number;
  /** kafkajs gave up on this consumer (a crash it will not restart from); the owner decides what to do. */
  onFatal?: (error: Error) => void;
}

/** `starting` until the group is joined: kafkajs' run() resolves even when joining failed and a restart is pending. */
export type ConsumerState = 'idle' | 'starting' | 'running' | 'restarting' | 'crashed' | 'stopped';

/**
 * Owns one kafkajs consumer in batch mode: no auto-commit, no auto-resolve — offsets move only when
 * PartitionBatchHandler has made a prefix durable. eachBatch never throws (kafkajs would restart the consumer and
 * re-deliver from the last commit in a loop); failures become a paused partition instead.
 */
export class KafkaBatchConsumer implements PartitionControl {
  private state: ConsumerState = 'idle';
  private lastError: string | null = null;
  private pipeline: WindowPipeline | null = null;
  private readonly resumeTimers = new Map<number, NodeJS.Timeout>();
  private stopping = false;

  constructor(
    private readonly consumer: Consumer,
    private readonly metrics: ProjectorMetrics,
    private readonly logger: JsonLogger,
    private readonly config: ProjectorConfig,
    private readonly options: BatchConsumerOptions,
  ) {
    this.watchLifecycle();
  }

  /** The pipeline is built around this consumer (it commits and rewinds through it), so it is attached after. */
  attach(pipeline: WindowPipeline): void {
    this.pipeline = pipeline;
  }

  async commit(partition: number, offset: number): Promise<void> {
    await this.consumer.commitOffsets([
      { topic: this.config.kafka.topic, partition, offset: String(offset) },
    ]);
  }

  rewind(partition: number, offset: number, delayMs: number): void {
    const topic = this.config.kafka.topic;
    // With autoCommit off, kafkajs' seek only moves the fetch position: nothing is committed by it.
    this.consumer.seek({ topic, partition, offset: String(offset) });
    this.consumer.pause([{ topic, partitions: [partition] }]);
    // A resume while stop() drains would bring back the re-fetch loop that pauseAll prevents.
    if (this.stopping) return;
    clearTimeout(this.resumeTimers.get(partition));
    this.resumeTimers.set(
      partition,
      setTimeout(() => {
        this.resumeTimers.delete(partition);
        this.metrics.pausedPartitions.set(this.resumeTimers.size);
        try {
          this.consumer.resume([{ topic, partitions: [partition] }]);
        } catch (error) {
          // kafkajs tears its consumer group down on a crash and builds a new one, unpaused, on restart; a throw
          // from a timer callback would be an uncaught exception and end the process.
          this.logger.event('warn', 'could not resume the partition', {
            partition,
            error: error instanceof Error ? error.message : String(error),
          });
        }
      }, delayMs),
    );
    this.metrics.pausedPartitions.set(this.resumeTimers.size);
  }

  get status(): { state: ConsumerState; error: string | null } {
    return { state: this.state, error: this.lastError };
  }

  async start(): Promise<void> {
    const { topic, topicPartitions } = this.config.kafka;
    await this.consumer.connect();
    await this.consumer.subscribe({ topic, fromBeginning: this.options.fromBeginning });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      // One worker per partition, so that the partitions of one fetch reach the coalescer together.
      partitionsConsumedConcurrently: topicPartitions,
      eachBatch: (payload) => this.handler().handle(payload),
    });
    if (this.state === 'idle') this.state = 'starting';
  }

  /**
   * Writes and commits the pending window while the consumer still runs (kafkajs skips commits once it stops),
   * then leaves the group.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    this.resumeTimers.forEach((timer) => clearTimeout(timer));
    this.resumeTimers.clear();
    this.metrics.pausedPartitions.set(0);
    this.pauseAll();
    await this.pipeline?.drain('shutdown');
    await this.consumer.disconnect();
    this.state = 'stopped';
  }

  /**
   * While stop() drains, the pipeline refuses new batches without resolving them, so kafkajs would fetch the same
   * messages again at once, in a loop, for as long as the drain waits on Elasticsearch. A paused topic is not
   * fetched (kafkajs waits maxWaitTime instead), and commits still go through.
   */
  private pauseAll(): void {
    try {
      this.consumer.pause([{ topic: this.config.kafka.topic }]);
    } catch (error) {
      // Not running (never started, or torn down by a crash): nothing is being fetched.
      this.logger.event('debug', 'could not pause the consumer before draining', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  private handler(): PartitionBatchHandler {
    if (this.pipeline === null) throw new Error('KafkaBatchConsumer started before attach()');
    this.batchHandler ??= new PartitionBatchHandler(this.pipeline);
    return this.batchHandler;
  }

  private batchHandler: PartitionBatchHandler | null = null;

  private watchLifecycle(): void {
    const { events } = this.consumer;
    this.consumer.on(events.GROUP_JOIN, ({ payload }) => {
      this.state = 'running';
      this.lastError = null;
      const assigned = payload.memberAssignment[this.config.kafka.topic] ?? [];
      this.pipeline?.onAssignment(new Set(assigned));
      this.logger.event('info', 'joined consumer group', {
        groupId: payload.groupId,
        memberId: payload.memberId,
        assignment: payload.memberAssignment,
      });
    });
    this.consumer.on(events.CRASH, ({ payload }) => {
      this.lastError = payload.error.message;
      this.logger.event('error', 'kafka consumer crashed', {
        groupId: payload.groupId,
        restart: payload.restart,
        error: payload.error.message,
      });
      this.state = payload.restart ? 'restarting' : 'crashed';
      if (!payload.restart) {
        this.options.onFatal?.(payload.error);
      }
    });
  }
}

/** Builds batch consumers (the live one and the rebuild's) on the shared projection pipeline. */
@Injectable()
export class KafkaBatchConsumerFactory {
  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    private readonly projector: BatchProjectorService,
    private readonly metrics: ProjectorMetrics,
    private readonly logger: JsonLogger,
    @Inject(PROJECTOR_CONFIG) private readonly config: ProjectorConfig,
  ) {}

  create(options: BatchConsumerOptions): KafkaBatchConsumer {
    const consumer = this.kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: KAFKA_SESSION_TIMEOUT_MS,
      heartbeatInterval: KAFKA_HEARTBEAT_INTERVAL_MS,
      maxWaitTimeInMs: KAFKA_MAX_WAIT_MS,
      maxBytesPerPartition: KAFKA_MAX_BYTES_PER_PARTITION,
    });
    const { window } = this.config;
    const batchConsumer = new KafkaBatchConsumer(
      consumer,
      this.metrics,
      this.logger,
      this.config,
      options,
    );
    const cache = new TaskStateCache({
      maxDocs: window.cacheMaxDocs,
      maxBytes: window.cacheMaxBytes,
    });
    const pipeline = new WindowPipeline(
      this.projector,
      cache,
      batchConsumer,
      this.metrics,
      this.logger,
      {
        target: options.target,
        retryMaxMs: this.config.projector.retryMaxMs,
        onCommitted: options.onCommitted,
        bounds: {
          intervalMs: window.flushIntervalMs,
          maxIntervalMs: options.flushMaxIntervalMs ?? window.flushMaxIntervalMs,
          maxDocs: window.flushMaxDocs,
          maxBytes: window.flushMaxBytes,
          behindAfterMs: window.behindAfterMs,
          behindBacklogMs: window.behindBacklogMs,
          finishedEarly: window.flushFinishedEarly,
        },
      },
    );
    batchConsumer.attach(pipeline);
    return batchConsumer;
  }
}
