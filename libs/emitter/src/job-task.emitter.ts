import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import { EmitFailedError, EmitterBufferFullError, EmitterClosedError } from './emitter.errors';
import { DEFAULT_MAX_EVENT_BYTES, toEventRecord, type EventRecord } from './event-validation';
import type { JobTaskEventPayload } from './wire-event.types';

/*
 * Kafka writes all of a request's records for one partition as one record batch, and the broker refuses a batch
 * over its `message.max.bytes` (1,048,588 by default) with MESSAGE_TOO_LARGE, every time it is retried. One
 * task's events all go to one partition, so the whole request is kept under that: 1,000,000 bytes of keys and
 * values leaves room for the record framing of up to 1,000 records (at most ~16 bytes each) and the batch header.
 */
export const DEFAULT_MAX_BATCH_BYTES = 1_000_000;
export const DEFAULT_MAX_BATCH_EVENTS = 1_000;
export const DEFAULT_MAX_BUFFERED_EVENTS = 10_000;

export interface EmitterOptions {
  kafka: Kafka;
  topic: string;
  /** The projector's MAX_EVENT_BYTES: a larger value is refused here instead of being dead-lettered there. */
  maxEventBytes?: number;
  /** How long an `emit` waits for company before its batch is sent. */
  lingerMs?: number;
  /** Events per produce request at most. */
  maxBatchEvents?: number;
  /** Key and value bytes per produce request at most (an event larger than this goes alone). */
  maxBatchBytes?: number;
  /** Events queued or in flight at most; a call that would go over is refused with `EmitterBufferFullError`. */
  maxBufferedEvents?: number;
}

interface Pending {
  record: EventRecord;
  bytes: number;
  settle: (error?: EmitFailedError) => void;
  /** Always resolves (never rejects, so an unawaited one cannot become an unhandled rejection). */
  outcome: Promise<EmitFailedError | undefined>;
}

function pendingFor(record: EventRecord): Pending {
  let settle!: (error?: EmitFailedError) => void;
  const outcome = new Promise<EmitFailedError | undefined>((resolve) => (settle = resolve));
  return { record, bytes: record.key.length + record.value.length, settle, outcome };
}

async function firstFailure(pending: readonly Pending[]): Promise<void> {
  const failure = (await Promise.all(pending.map((p) => p.outcome))).find((f) => f !== undefined);
  if (failure !== undefined) throw failure;
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
  private readonly maxBatchBytes: number;
  private readonly maxBufferedEvents: number;
  private queue: Pending[] = [];
  /** The key and value bytes of `queue`, kept as it changes (summing it on every emit would be quadratic). */
  private queueBytes = 0;
  private inFlight: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private draining: Promise<void> | null = null;
  private connected: Promise<void> | null = null;
  private closing: Promise<void> | null = null;

  constructor(private readonly options: EmitterOptions) {
    this.maxEventBytes = options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES;
    this.lingerMs = options.lingerMs ?? 5;
    this.maxBatchEvents = options.maxBatchEvents ?? DEFAULT_MAX_BATCH_EVENTS;
    this.maxBatchBytes = options.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES;
    this.maxBufferedEvents = options.maxBufferedEvents ?? DEFAULT_MAX_BUFFERED_EVENTS;
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
    if (this.closing !== null) throw new EmitterClosedError();
    const records = events.map((event, i) => toEventRecord(event, this.maxEventBytes, i));
    if (records.length === 0) return;
    const buffered = this.queue.length + this.inFlight.length;
    // A call is refused whole rather than split, and an empty buffer takes any call, so a large emitAll still works.
    if (buffered > 0 && buffered + records.length > this.maxBufferedEvents)
      throw new EmitterBufferFullError(buffered, this.maxBufferedEvents);
    const pending = records.map(pendingFor);
    this.queue.push(...pending);
    for (const p of pending) this.queueBytes += p.bytes;
    this.schedule();
    await firstFailure(pending);
  }

  /**
   * Sends whatever is queued now and waits until the broker has acknowledged it; rejects with the
   * `EmitFailedError` of the first of those events that was not acknowledged.
   */
  async flush(): Promise<void> {
    const tracked = [...this.inFlight, ...this.queue];
    void this.drain();
    await firstFailure(tracked);
  }

  /**
   * Refuses new events, sends the queued ones and disconnects. Rejects like `flush` when some were not
   * acknowledged (the producer is disconnected all the same); every call returns the same promise.
   */
  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    try {
      await this.flush();
    } finally {
      if (this.connected !== null) {
        const connecting = this.connected;
        this.connected = null;
        // A connection that never came up has nothing to disconnect; its error was already reported.
        if (await connecting.then(() => true).catch(() => false)) await this.producer.disconnect();
      }
    }
  }

  private schedule(): void {
    // The send loop takes whatever is queued as soon as the request in flight is acknowledged.
    if (this.draining !== null) return;
    if (this.queue.length >= this.maxBatchEvents || this.queueBytes >= this.maxBatchBytes) {
      void this.drain();
    } else {
      this.timer ??= setTimeout(() => void this.drain(), this.lingerMs);
    }
  }

  private drain(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.draining === null && this.queue.length > 0) this.draining = this.sendQueued();
    return this.draining ?? Promise.resolve();
  }

  /** The one send loop: called with a non-empty queue, it runs until the queue is empty. */
  private async sendQueued(): Promise<void> {
    for (;;) {
      if (this.queue.length === 0) {
        // In the same synchronous step as the emptiness check, so an emit cannot slip in between and be stranded.
        this.draining = null;
        return;
      }
      this.inFlight = this.takeBatch();
      try {
        await this.connect();
        await this.producer.send({
          topic: this.options.topic,
          acks: -1,
          messages: this.inFlight.map(({ record }) => ({ key: record.key, value: record.value })),
        });
        for (const pending of this.inFlight) pending.settle();
      } catch (error) {
        const failure = error instanceof EmitFailedError ? error : new EmitFailedError(error);
        // What is queued behind a failed batch fails with it: sending it would put a task's later events ahead of
        // the earlier ones its caller re-sends, and in an outage each batch would wait out the retries in turn.
        for (const pending of [...this.inFlight, ...this.queue.splice(0)]) pending.settle(failure);
        this.queueBytes = 0;
      }
      this.inFlight = [];
    }
  }

  private takeBatch(): Pending[] {
    let count = 0;
    let bytes = 0;
    while (count < this.queue.length && count < this.maxBatchEvents) {
      const next = this.queue[count]!.bytes;
      if (count > 0 && bytes + next > this.maxBatchBytes) break;
      bytes += next;
      count += 1;
    }
    this.queueBytes -= bytes;
    return this.queue.splice(0, count);
  }
}
