import type { JsonLogger } from '@app/platform';
import type { SourceMessage, WriteTarget } from '../core/projection.types';
import type { ProjectorMetrics } from '../metrics/projector.metrics';
import {
  nothingDurable,
  type BatchProjectorService,
  type FlushResult,
} from './batch-projector.service';
import { flushReason, partitionBehind, type FlushBounds, type FlushReason } from './flush.policy';
import { PartitionLedger } from './partition.ledger';
import { ReadRate } from './read-rate';
import { PartitionBackoff } from './retry-backoff';
import type { TaskStateCache } from './task-state.cache';
import { WriteWindow } from './write-window';

/** Tasks read one event per piece at most (oldest forgotten first): isolation is rare, and forgetting only costs a re-read. */
const MAX_ISOLATED_TASKS = 1_024;

/** What the pipeline needs from the Kafka consumer; kafkajs in production, a stub in unit tests. */
export interface PartitionControl {
  /** Commits `offset` (the next to read) for `partition`; rejects when the group refuses it. */
  commit(partition: number, offset: number): Promise<void>;
  /** Moves the fetch position back to `offset` and pauses the partition for `delayMs`. */
  rewind(partition: number, offset: number, delayMs: number): void;
}

/** What the pipeline knows of a partition's position against its high watermark, from its last batch. */
interface PartitionLag {
  topic: string;
  high: number;
  behind: boolean;
  readRate: ReadRate;
}

export interface PipelineOptions {
  target: WriteTarget;
  bounds: FlushBounds;
  retryMaxMs: number;
  /** Called after each commit with the partition's new committed position (the rebuild's progress). */
  onCommitted?: (partition: number, next: number, highWatermark: number) => void;
}

/**
 * The write-behind window. Consumed messages are decoded and folded at once into the pending window; the window is
 * written when a bound is reached (see flush.policy). At most one flush is in flight: while it waits on
 * Elasticsearch, the next window fills. After a flush each partition commits the contiguous prefix of messages
 * whose outcome is durable; a partition with an offset that is not is rewound to it and paused with backoff, and
 * whatever of it the next window held is dropped (it will be fetched again). Never throws.
 */
export class WindowPipeline {
  private window = new WriteWindow();
  private inFlight: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closing = false;
  private readonly ledgers = new Map<number, PartitionLedger>();
  private readonly lag = new Map<number, PartitionLag>();
  private readonly backoff: PartitionBackoff;
  private readonly isolated = new Set<string>();

  constructor(
    private readonly projector: BatchProjectorService,
    private readonly cache: TaskStateCache,
    private readonly control: PartitionControl,
    private readonly metrics: ProjectorMetrics,
    private readonly logger: JsonLogger,
    private readonly options: PipelineOptions,
  ) {
    this.backoff = new PartitionBackoff(options.retryMaxMs);
    metrics.watchWindow(() => ({
      dirtyDocs: this.window.dirtyDocs,
      dirtyBytes: this.window.bytes,
      cache: this.cache.stats,
    }));
  }

  /**
   * Adds one partition batch to the pending window. `highWatermark` says whether the partition is behind. False
   * when the pipeline is closing: the messages are not taken (and so must not be resolved).
   */
  ingest(partition: number, messages: readonly SourceMessage[], highWatermark: number): boolean {
    if (this.closing) return false;
    const last = messages[messages.length - 1];
    if (last === undefined) return true;
    const ledger = this.ledger(partition);
    ledger.record(messages.length);
    const now = Date.now();
    const next = last.offset + 1;
    const previous = this.lag.get(partition);
    const readRate = previous?.readRate ?? new ReadRate();
    readRate.observe(messages.length, highWatermark - next, now);
    const behind = partitionBehind(
      {
        next,
        highWatermark,
        newestAppendedAt: last.appendedAt,
        backlogMs: readRate.msToRead(highWatermark - next),
      },
      now,
      this.options.bounds,
      previous?.behind ?? false,
    );
    this.lag.set(partition, { topic: last.topic, high: highWatermark, behind, readRate });
    this.metrics.behindPartitions.set([...this.lag.values()].filter((l) => l.behind).length);
    const decoded = this.projector.decode(messages);
    this.window.add(messages, decoded, Date.now(), ledger.epoch, this.isolated);
    this.armTimer();
    return true;
  }

  /**
   * Starts a flush if the window is due, after the one in flight (back-pressure). Resolves once it started. When
   * nothing is due and no flush is in flight, the finished tasks are written at once (WriteWindow.takeFinished).
   */
  async flushIfDue(): Promise<void> {
    for (;;) {
      const reason = this.due();
      if (reason === null) return this.startFinishedIfIdle();
      if (this.inFlight === null) return this.start(reason);
      await this.inFlight;
    }
  }

  /** Writes and commits everything pending (a rebalance is coming, or shutdown). */
  async drain(reason: 'rebalance' | 'shutdown'): Promise<void> {
    if (reason === 'shutdown') this.closing = true;
    for (let round = 0; round < 4; round += 1) {
      if (this.inFlight !== null) await this.inFlight;
      if (this.window.isEmpty) break;
      this.start(reason);
    }
    if (this.inFlight !== null) await this.inFlight;
    if (reason === 'shutdown') this.clearTimer();
  }

  /**
   * After a rebalance kafkajs fetches every assigned partition from its committed offset again, so the fetched
   * but uncommitted state is dropped (it will arrive again) and tasks of partitions now owned by others are
   * evicted. A flush still in flight completes harmlessly: its writes are guarded, its late settlements ignored.
   */
  onAssignment(assigned: ReadonlySet<number>): void {
    const revoked = new Set([...this.ledgers.keys()].filter((p) => !assigned.has(p)));
    this.ledgers.forEach((ledger) => ledger.reset());
    revoked.forEach((p) => this.ledgers.delete(p));
    // A revoked partition that was behind would keep every later window at the catch-up age bound.
    for (const [p, lag] of [...this.lag]) {
      if (assigned.has(p)) continue;
      this.lag.delete(p);
      this.metrics.consumerLag.remove({ topic: lag.topic, partition: p });
    }
    this.metrics.behindPartitions.set([...this.lag.values()].filter((l) => l.behind).length);
    this.window = new WriteWindow();
    this.cache.evictPartitions(revoked);
  }

  /** Pending offsets per partition, for tests and the logs. */
  get position(): { partition: number; pending: number }[] {
    return [...this.ledgers].map(([partition, l]) => ({ partition, pending: l.pending }));
  }

  private due(): FlushReason | null {
    const behind = [...this.lag.values()].some((l) => l.behind);
    const load = {
      messages: this.window.messageCount,
      docs: this.window.dirtyDocs,
      bytes: this.window.bytes,
      ageMs: this.window.ageMs(Date.now()),
    };
    return flushReason(load, behind, this.options.bounds);
  }

  private startFinishedIfIdle(): void {
    if (!this.options.bounds.finishedEarly || this.inFlight !== null || this.closing) return;
    if (this.window.finishedDocs === 0) return;
    this.launch(this.window.takeFinished(), 'finished');
  }

  private start(reason: FlushReason): void {
    const window = this.window;
    this.window = new WriteWindow();
    this.clearTimer();
    this.launch(window, reason);
  }

  private launch(window: WriteWindow, reason: FlushReason): void {
    this.metrics.flushes.inc({ reason });
    this.metrics.flushDocuments.observe(window.dirtyDocs);
    const flushTimer = this.metrics.flushSeconds.startTimer();
    this.inFlight = this.run(window).finally(() => {
      flushTimer();
      this.inFlight = null;
      if (!this.window.isEmpty) this.armTimer();
      void this.flushIfDue();
    });
  }

  private async run(window: WriteWindow): Promise<void> {
    let result: FlushResult;
    try {
      result = await this.projector.flush(window, this.options.target, this.cache);
    } catch (error) {
      result = nothingDurable(window, error);
    }
    this.isolate(result.isolate);
    for (const [partition, settlement] of window.settlements) {
      const ledger = this.ledgers.get(partition);
      const firstNotDurable = result.notDurable.get(partition) ?? null;
      const next = ledger?.settle(settlement, firstNotDurable) ?? null;
      // Null: the messages were fetched before a rewind or a rebalance; what they held is being fetched again.
      if (ledger === undefined || next === null) continue;
      await this.commit(partition, next);
      // From the commit, not from firstNotDurable: pieces still pending in the window may start before it.
      if (firstNotDurable !== null) this.rewind(partition, ledger, next, result);
      else this.backoff.succeeded(partition);
    }
  }

  private isolate(tasks: ReadonlySet<string>): void {
    for (const id of tasks) {
      this.isolated.delete(id);
      this.isolated.add(id);
      this.metrics.retries.inc({ kind: 'isolate' });
    }
    for (const id of this.isolated) {
      if (this.isolated.size <= MAX_ISOLATED_TASKS) break;
      this.isolated.delete(id);
    }
  }

  private async commit(partition: number, next: number): Promise<void> {
    const lag = this.lag.get(partition);
    const high = lag?.high ?? next;
    if (lag)
      this.metrics.consumerLag.set({ topic: lag.topic, partition }, Math.max(0, high - next));
    try {
      await this.control.commit(partition, next);
      this.options.onCommitted?.(partition, next, high);
    } catch (error) {
      // Typically a rebalance: the next owner starts from the last commit and finds these events as duplicates.
      this.logger.event('warn', 'offset commit failed', {
        partition,
        offset: next,
        error: asError(error).message,
      });
    }
  }

  private rewind(
    partition: number,
    ledger: PartitionLedger,
    from: number,
    { failure }: FlushResult,
  ): void {
    ledger.reset();
    this.window.dropPartition(partition);
    const delay = this.backoff.failed(partition);
    this.metrics.retries.inc({ kind: 'transient' });
    this.metrics.backoffSeconds.inc(delay / 1_000);
    this.logger.event('warn', 'partition paused after a transient failure', {
      partition,
      resumeFrom: from,
      delayMs: delay,
      attempt: this.backoff.attemptsOf(partition),
      error: failure?.message ?? 'unknown',
    });
    try {
      this.control.rewind(partition, from, delay);
    } catch (error) {
      // The consumer is gone (stopping, crashed): its successor fetches from the commit anyway.
      this.logger.event('warn', 'could not rewind the partition', {
        partition,
        error: asError(error).message,
      });
    }
  }

  private ledger(partition: number): PartitionLedger {
    let ledger = this.ledgers.get(partition);
    if (ledger === undefined) {
      ledger = new PartitionLedger();
      this.ledgers.set(partition, ledger);
    }
    return ledger;
  }

  private armTimer(): void {
    if (this.timer !== null || this.window.isEmpty || this.closing) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flushIfDue().then(() => this.armTimer());
    }, this.options.bounds.intervalMs);
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
