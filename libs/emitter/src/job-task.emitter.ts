import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import { EmitFailedError, EmitterClosedError } from './emitter.errors';
import { DEFAULT_MAX_EVENT_BYTES, toEventRecord, type EventRecord } from './event-validation';
import type { JobTaskEventPayload } from './wire-event.types';

export interface EmitterOptions {
  kafka: Kafka;
  topic: string;
  /** The projector's MAX_EVENT_BYTES: a larger value is refused here instead of being dead-lettered there. */
  maxEventBytes?: number;
  /** How long an `emit` waits for company before its batch is sent. */
  lingerMs?: number;
  /** Events per produce request at most. */
  maxBatchEvents?: number;
}

interface Pending {
  record: EventRecord;
  settle: (error?: Error) => void;
}

/**
 * An idempotent kafkajs producer for job-task events. Every event is checked with the projector's decoder before
 * it is queued (see `toEventRecord`), keyed by `job_task_id` with the Java-compatible partitioner (so a JVM
 * producer of the same task lands on the same partition), and sent in batches with `acks: -1`. Batches go out one
 * at a time and the producer is idempotent with one request in flight, so one task's events keep their order and
 * a broker-side retry never writes a record twice.
 */
export class JobTaskEmitter {
  private readonly producer: Producer;
  private readonly maxEventBytes: number;
  private readonly lingerMs: number;
  private readonly maxBatchEvents: number;
  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private sending: Promise<void> = Promise.resolve();
  private connected: Promise<void> | null = null;
  private closed = false;

  constructor(private readonly options: EmitterOptions) {
    this.maxEventBytes = options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES;
    this.lingerMs = options.lingerMs ?? 5;
    this.maxBatchEvents = options.maxBatchEvents ?? 1_000;
    this.producer = options.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  async connect(): Promise<void> {
    this.connected ??= this.producer.connect();
    try {
      await this.connected;
    } catch (error) {
      this.connected = null;
      throw new EmitFailedError(error);
    }
  }

  /** Resolves once the broker has the event; rejects with `EventRejectedError` (nothing sent) when it is invalid. */
  async emit(event: JobTaskEventPayload): Promise<void> {
    return this.emitAll([event]);
  }

  /**
   * Sends JSON objects from any source (typed builders, a file, another service). All of them are validated first:
   * one invalid event refuses the whole call and nothing is sent, so a caller never has to work out which half
   * of its batch went out.
   */
  async emitAll(events: readonly unknown[]): Promise<void> {
    if (this.closed) throw new EmitterClosedError();
    const records = events.map((event, i) => toEventRecord(event, this.maxEventBytes, i));
    const acked = records.map(
      (record) =>
        new Promise<void>((resolve, reject) =>
          this.queue.push({ record, settle: (error) => (error ? reject(error) : resolve()) }),
        ),
    );
    this.schedule();
    await Promise.all(acked);
  }

  /** Sends whatever is queued now and waits for every batch in flight. */
  async flush(): Promise<void> {
    this.cutBatches();
    await this.sending;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.flush();
    if (this.connected !== null) await this.producer.disconnect();
  }

  private schedule(): void {
    if (this.queue.length >= this.maxBatchEvents) {
      this.cutBatches();
    } else {
      this.timer ??= setTimeout(() => this.cutBatches(), this.lingerMs);
    }
  }

  private cutBatches(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatchEvents);
      this.sending = this.sending.then(() => this.sendBatch(batch));
    }
  }

  private async sendBatch(batch: Pending[]): Promise<void> {
    try {
      await this.connect();
      await this.producer.send({
        topic: this.options.topic,
        acks: -1,
        messages: batch.map(({ record }) => ({ key: record.key, value: record.value })),
      });
      for (const pending of batch) pending.settle();
    } catch (error) {
      const failure = error instanceof EmitFailedError ? error : new EmitFailedError(error);
      for (const pending of batch) pending.settle(failure);
    }
  }
}
