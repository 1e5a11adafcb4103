import type { ProjectorConfig } from '@app/config';
import { RecordTooLargeError, sendInBoundedRuns } from '@app/platform';
import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import type { Rejection } from '../core/projection.types';
import { ProjectorMetrics } from '../metrics/projector.metrics';
import { KAFKA, PROJECTOR_CONFIG } from '../projector.tokens';
import { DLQ_SEND_MAX_BYTES } from '../projector.settings';
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

/** The broker refused dead-letter records for their size even compressed: only a larger topic limit helps. */
export class DeadLetterTooLargeError extends Error {
  readonly code = 'DLQ.RECORD_TOO_LARGE';

  constructor(cause: RecordTooLargeError) {
    super(
      `the dead-letter topic ${cause.topic} refuses a record of about ${cause.largestBytes} bytes even compressed: ` +
        'raise its max.message.bytes above the events topic\'s (docs/projector.md, "Dead-letter records"); the ' +
        'partition retries until then',
      { cause },
    );
    this.name = 'DeadLetterTooLargeError';
  }
}

/** Writes rejected messages to the DLQ topic; a resolved send means all replicas have them (acks -1). */
@Injectable()
export class DeadLetterProducer implements BeforeApplicationShutdown {
  private readonly producer: Producer;
  private connected: Promise<void> | null = null;
  /** Set once connecting began: a failed send forgets `connected` (to connect again), not the sockets it opened. */
  private opened = false;

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    @Inject(PROJECTOR_CONFIG) private readonly config: ProjectorConfig,
    private readonly metrics: ProjectorMetrics,
  ) {
    // Idempotent, so kafkajs's own retry of a send the broker did write cannot dead-letter a record twice.
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  async send(rejections: readonly Rejection[]): Promise<void> {
    if (rejections.length === 0) return;
    try {
      this.connected ??= this.producer.connect();
      this.opened = true;
      await this.connected;
      await sendInBoundedRuns(
        this.producer,
        this.config.kafka.dlqTopic,
        rejections.map(deadLetterMessage),
        DLQ_SEND_MAX_BYTES,
      );
    } catch (error) {
      // Refused for its size, the connection is fine: what would help is the operator's, and the error says so.
      if (error instanceof RecordTooLargeError) throw new DeadLetterTooLargeError(error);
      this.connected = null;
      throw new DeadLetterError(error);
    }
    for (const rejection of rejections) this.metrics.deadLettered.inc({ reason: rejection.reason });
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.opened) await this.producer.disconnect();
  }
}
