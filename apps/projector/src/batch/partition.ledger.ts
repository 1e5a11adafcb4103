import type { OffsetSpan } from './write-window';

/**
 * One partition's position between the committed offset and the fetch position. kafkajs fetches from the resolved
 * offset, which runs ahead while a window is pending; the commit follows only the durable prefix. Windows are
 * flushed one at a time and in fetch order, so a window's span settles after every earlier span of the partition:
 * the commit is the span's end, or its first offset that is not durable. A reset (rewind, rebalance) starts a new
 * epoch, so a late settlement of a span fetched before it is ignored and the re-fetched messages count afresh.
 */
export class PartitionLedger {
  private current = 0;
  private pendingMessages = 0;

  get epoch(): number {
    return this.current;
  }

  record(count: number): void {
    this.pendingMessages += count;
  }

  /**
   * Settles a flushed span: every message before `firstNotDurable` (all of them when null) has a durable outcome.
   * Returns the offset to commit (the next to read), or null when the span is from an older epoch.
   */
  settle(span: OffsetSpan, firstNotDurable: number | null): number | null {
    if (span.epoch !== this.current) return null;
    this.pendingMessages = Math.max(0, this.pendingMessages - span.count);
    return firstNotDurable ?? span.last + 1;
  }

  /** Messages fetched and not yet settled, for tests and the logs. */
  get pending(): number {
    return this.pendingMessages;
  }

  reset(): void {
    this.current += 1;
    this.pendingMessages = 0;
  }
}
