import type { ProjectorConfig } from '@app/config';
import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { CompressionTypes, Partitioners, type Kafka, type Message, type Producer } from 'kafkajs';
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

  constructor(topic: string, messages: readonly Message[], cause: unknown) {
    const largest = Math.max(...messages.map(messageBytes));
    super(
      `the dead-letter topic ${topic} refuses a record of about ${largest} bytes (max.message.bytes): raise its ` +
        'limit above the events topic\'s (docs/operations.md, "The dead-letter workflow"); the partition retries until then',
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
      for (const messages of sendsOf(rejections.map(deadLetterMessage), DLQ_SEND_MAX_BYTES)) {
        await this.sendRun(messages);
      }
    } catch (error) {
      // Refused for its size, the connection is fine: what would help is the operator's, and the error says so.
      if (error instanceof DeadLetterTooLargeError) throw error;
      this.connected = null;
      throw new DeadLetterError(error);
    }
    for (const rejection of rejections) this.metrics.deadLettered.inc({ reason: rejection.reason });
  }

  /**
   * An emitter may compress: a record the events topic took can be larger than its limit once decompressed, and
   * the dead-letter copy is sent as it was decoded. Refused for its size, the same records go again compressed,
   * which brings such a record back to about the size the broker accepted from the emitter. Not compressed
   * first: a dead-letter storm must not pay gzip on every small record.
   */
  private async sendRun(messages: Message[]): Promise<void> {
    const topic = this.config.kafka.dlqTopic;
    try {
      await this.producer.send({ topic, acks: -1, messages });
    } catch (error) {
      if (!isMessageTooLarge(error)) throw error;
      try {
        await this.producer.send({ topic, acks: -1, messages, compression: CompressionTypes.GZIP });
      } catch (compressed) {
        if (!isMessageTooLarge(compressed)) throw compressed;
        throw new DeadLetterTooLargeError(topic, messages, compressed);
      }
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.opened) await this.producer.disconnect();
  }
}

/** Consecutive runs of `messages` of at most `maxBytes` each (a larger message makes a run of its own). */
function sendsOf(messages: readonly Message[], maxBytes: number): Message[][] {
  const sends: Message[][] = [];
  let current: Message[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = messageBytes(message);
    if (current.length > 0 && bytes + size > maxBytes) {
      sends.push(current);
      current = [];
      bytes = 0;
    }
    current.push(message);
    bytes += size;
  }
  if (current.length > 0) sends.push(current);
  return sends;
}

/** A record's size on the wire, near enough: its bytes plus a record's framing. */
function messageBytes(message: Message): number {
  let bytes = 64 + byteLength(message.key) + byteLength(message.value);
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) bytes += 8 + Buffer.byteLength(name) + byteLength(v);
  }
  return bytes;
}

function byteLength(value: Buffer | string | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'string' ? Buffer.byteLength(value) : value.length;
}

/** kafkajs reports the broker's refusal as a protocol error, possibly wrapped by its retrier. */
function isMessageTooLarge(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; depth += 1) {
    if ((e as { type?: unknown }).type === 'MESSAGE_TOO_LARGE') return true;
    e = e.cause ?? (e as { originalError?: unknown }).originalError;
  }
  return false;
}
