import type { JsonLogger } from '@app/platform';
import type { EachBatchPayload, KafkaMessage } from 'kafkajs';
import type { ProjectorMetrics } from '../metrics/projector.metrics';
import { HEARTBEAT_WHILE_WAITING_MS } from '../projector.settings';
import type { SourceMessage } from '../core/projection.types';
import type { FlushResult } from './batch-projector.service';
import type { FlushCoalescer } from './flush-coalescer';
import { partitionProgress } from './offset-commit.rule';
import { PartitionBackoff } from './retry-backoff';

export interface PartitionBatchOptions {
  maxBatchEvents: number;
  retryMaxMs: number;
  /** Called after each durable step with the partition's new committed position (the rebuild's progress). */
  onCommitted?: (partition: number, next: number, highWatermark: number) => void;
}

/**
 * What eachBatch does with one partition's batch: chunks of at most maxBatchEvents go through the coalescer; after
 * each chunk the settled prefix is resolved and committed. When a chunk is not fully durable the partition is
 * paused for a jittered backoff and eachBatch returns without resolving further: kafkajs fetches from the resolved
 * offset, so after the resume the first unapplied message is read again.
 */
export class PartitionBatchHandler {
  private readonly backoff: PartitionBackoff;
  private readonly resumeTimers = new Map<number, NodeJS.Timeout>();

  constructor(
    private readonly coalescer: FlushCoalescer,
    private readonly metrics: ProjectorMetrics,
    private readonly logger: JsonLogger,
    private readonly options: PartitionBatchOptions,
  ) {
    this.backoff = new PartitionBackoff(options.retryMaxMs);
  }

  async handle(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const messages = batch.messages.map((m) => toSourceMessage(batch.topic, batch.partition, m));
    for (let start = 0; start < messages.length; start += this.options.maxBatchEvents) {
      if (!payload.isRunning() || payload.isStale()) return;
      const chunk = messages.slice(start, start + this.options.maxBatchEvents);
      const result = await this.flushWithHeartbeat(chunk, payload);
      const [progress] = partitionProgress(chunk, (m) => !result.unsettled.has(m));
      if (progress === undefined) return;
      const high = Number(batch.highWatermark);
      this.metrics.consumerLag.set(
        { topic: batch.topic, partition: batch.partition },
        Math.max(0, high - progress.next),
      );
      if (progress.next > (chunk[0]?.offset ?? progress.next)) {
        payload.resolveOffset(String(progress.next - 1));
        if (!(await this.commit(payload, progress.next))) return;
        this.options.onCommitted?.(batch.partition, progress.next, high);
      }
      if (!progress.complete) {
        this.pause(payload, progress.next, result.failure);
        return;
      }
      this.backoff.succeeded(batch.partition);
    }
  }

  /** Cancels pending resumes (the consumer is stopping). */
  stop(): void {
    this.resumeTimers.forEach((timer) => clearTimeout(timer));
    this.resumeTimers.clear();
    this.metrics.pausedPartitions.set(0);
  }

  private async flushWithHeartbeat(
    chunk: SourceMessage[],
    payload: EachBatchPayload,
  ): Promise<FlushResult> {
    // The session must outlive a slow Elasticsearch; a heartbeat refused during a rebalance is not our concern here.
    const timer = setInterval(
      () => void payload.heartbeat().catch(() => undefined),
      HEARTBEAT_WHILE_WAITING_MS,
    );
    try {
      return await this.coalescer.submit(chunk);
    } catch (error) {
      return {
        unsettled: new Set(chunk),
        failure: error instanceof Error ? error : new Error(String(error)),
      };
    } finally {
      clearInterval(timer);
    }
  }

  private async commit(payload: EachBatchPayload, next: number): Promise<boolean> {
    const { topic, partition } = payload.batch;
    try {
      // Through the payload, not consumer.commitOffsets: the latter is skipped once a shutdown has begun, and the
      // batch in flight during a SIGTERM should still commit what it made durable.
      await payload.commitOffsetsIfNecessary({
        topics: [{ topic, partitions: [{ partition, offset: String(next) }] }],
      });
      return true;
    } catch (error) {
      // Typically a rebalance: the next owner starts from the last commit and finds these events as duplicates.
      this.logger.event('warn', 'offset commit failed; stopping this batch', {
        topic,
        partition,
        offset: next,
        error: error instanceof Error ? error.message : String(error),
      });
      return false;
    }
  }

  private pause(payload: EachBatchPayload, next: number, failure: Error | null): void {
    const { topic, partition } = payload.batch;
    const delay = this.backoff.failed(partition);
    this.metrics.retries.inc({ kind: 'transient' });
    this.metrics.backoffSeconds.inc(delay / 1_000);
    this.logger.event('warn', 'partition paused after a transient failure', {
      topic,
      partition,
      resumeFrom: next,
      delayMs: delay,
      attempt: this.backoff.attemptsOf(partition),
      error: failure?.message ?? 'unknown',
    });
    const resume = payload.pause();
    clearTimeout(this.resumeTimers.get(partition));
    this.resumeTimers.set(
      partition,
      setTimeout(() => {
        this.resumeTimers.delete(partition);
        this.metrics.pausedPartitions.set(this.resumeTimers.size);
        resume();
      }, delay),
    );
    this.metrics.pausedPartitions.set(this.resumeTimers.size);
  }
}

function toSourceMessage(topic: string, partition: number, message: KafkaMessage): SourceMessage {
  return {
    topic,
    partition,
    offset: Number(message.offset),
    key: message.key,
    value: message.value,
    headers: message.headers,
  };
}
