import type { ProjectorConfig } from '@app/config';
import { JsonLogger } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import type { Consumer, Kafka } from 'kafkajs';
import { BatchProjectorService } from './batch-projector.service';
import { FlushCoalescer } from './flush-coalescer';
import { PartitionBatchHandler, type PartitionBatchOptions } from './partition-batch.handler';
import type { WriteTarget } from '../core/projection.types';
import { ProjectorMetrics } from '../metrics/projector.metrics';
import { KAFKA, PROJECTOR_CONFIG } from '../projector.tokens';
import {
  COALESCE_LINGER_MS,
  KAFKA_HEARTBEAT_INTERVAL_MS,
  KAFKA_MAX_BYTES_PER_PARTITION,
  KAFKA_MAX_WAIT_MS,
  KAFKA_SESSION_TIMEOUT_MS,
} from '../projector.settings';

export interface BatchConsumerOptions {
  groupId: string;
  fromBeginning: boolean;
  target: WriteTarget;
  onCommitted?: PartitionBatchOptions['onCommitted'];
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
export class KafkaBatchConsumer {
  private state: ConsumerState = 'idle';
  private lastError: string | null = null;

  constructor(
    private readonly consumer: Consumer,
    private readonly handler: PartitionBatchHandler,
    private readonly logger: JsonLogger,
    private readonly config: ProjectorConfig,
    private readonly options: BatchConsumerOptions,
  ) {
    this.watchLifecycle();
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
      eachBatch: (payload) => this.handler.handle(payload),
    });
    if (this.state === 'idle') this.state = 'starting';
  }

  /** Waits for the batch in flight to finish (and commit what is durable), then leaves the group. */
  async stop(): Promise<void> {
    this.handler.stop();
    await this.consumer.disconnect();
    this.state = 'stopped';
  }

  private watchLifecycle(): void {
    const { events } = this.consumer;
    this.consumer.on(events.GROUP_JOIN, ({ payload }) => {
      this.state = 'running';
      this.lastError = null;
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
    const { maxBatchEvents, retryMaxMs } = this.config.projector;
    const coalescer = new FlushCoalescer(
      (messages) => this.projector.project(messages, options.target),
      maxBatchEvents,
      COALESCE_LINGER_MS,
    );
    const handler = new PartitionBatchHandler(coalescer, this.metrics, this.logger, {
      maxBatchEvents,
      retryMaxMs,
      onCommitted: options.onCommitted,
    });
    return new KafkaBatchConsumer(consumer, handler, this.logger, this.config, options);
  }
}
