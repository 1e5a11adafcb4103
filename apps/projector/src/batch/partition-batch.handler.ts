import type { EachBatchPayload, KafkaMessage } from 'kafkajs';
import type { SourceMessage } from '../core/projection.types';
import { HEARTBEAT_WHILE_WAITING_MS } from '../projector.settings';
import type { WindowPipeline } from './window.pipeline';

/**
 * What eachBatch does with one partition's batch: hand it to the write-behind window and resolve it, so kafkajs
 * fetches on while the window is pending; commits follow the durable prefix (WindowPipeline), never the resolved
 * offset. Before returning it heartbeats: a rebalance seen here is the only moment kafkajs lets us write and commit
 * the pending window before the partitions are revoked. Never throws (kafkajs would restart the consumer).
 */
export class PartitionBatchHandler {
  constructor(private readonly pipeline: WindowPipeline) {}

  async handle(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    if (!payload.isRunning() || payload.isStale()) return;
    const messages = batch.messages.map((m) => toSourceMessage(batch.topic, batch.partition, m));
    if (!this.pipeline.ingest(batch.partition, messages, Number(batch.highWatermark))) return;
    const last = messages[messages.length - 1];
    if (last !== undefined) payload.resolveOffset(String(last.offset));
    await this.heartbeating(payload, () => this.pipeline.flushIfDue());
    await this.drainIfRebalancing(payload);
  }

  private async heartbeating(payload: EachBatchPayload, work: () => Promise<void>): Promise<void> {
    // Waiting on the flush in flight can outlast the session; a heartbeat refused during a rebalance is handled below.
    const timer = setInterval(
      () => void payload.heartbeat().catch(() => undefined),
      HEARTBEAT_WHILE_WAITING_MS,
    );
    try {
      await work();
    } finally {
      clearInterval(timer);
    }
  }

  private async drainIfRebalancing(payload: EachBatchPayload): Promise<void> {
    try {
      await payload.heartbeat();
    } catch (error) {
      if ((error as { type?: unknown }).type !== 'REBALANCE_IN_PROGRESS') return;
      // The old generation may still commit until it rejoins: write the window now, so the next owner of these
      // partitions starts after it instead of folding it again.
      await this.heartbeating(payload, () => this.pipeline.drain('rebalance'));
    }
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
    appendedAt: Number(message.timestamp),
  };
}
