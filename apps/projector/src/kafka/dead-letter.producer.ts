import type { ProjectorConfig } from '@app/config';
import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import type { Rejection } from '../core/projection.types';
import { ProjectorMetrics } from '../metrics/projector.metrics';
import { KAFKA, PROJECTOR_CONFIG } from '../projector.tokens';
import { deadLetterMessage } from './dead-letter.record';

export class DeadLetterError extends Error {
  readonly code = 'DLQ.UNAVAILABLE';

  constructor(cause: unknown) {
    super(`dead-letter produce failed: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
    this.name = 'DeadLetterError';
  }
}

/** Writes rejected messages to the DLQ topic; a resolved send means all replicas have them (acks -1). */
@Injectable()
export class DeadLetterProducer implements BeforeApplicationShutdown {
  private readonly producer: Producer;
  private connected: Promise<void> | null = null;

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    @Inject(PROJECTOR_CONFIG) private readonly config: ProjectorConfig,
    private readonly metrics: ProjectorMetrics,
  ) {
    this.producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  }

  async send(rejections: readonly Rejection[]): Promise<void> {
    if (rejections.length === 0) return;
    try {
      this.connected ??= this.producer.connect();
      await this.connected;
      await this.producer.send({
        topic: this.config.kafka.dlqTopic,
        acks: -1,
        messages: rejections.map(deadLetterMessage),
      });
    } catch (error) {
      this.connected = null;
      throw new DeadLetterError(error);
    }
    for (const rejection of rejections) this.metrics.deadLettered.inc({ reason: rejection.reason });
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.connected !== null) await this.producer.disconnect();
  }
}
