import type { Settlement } from './write-window';

/**
 * One partition's position between the committed offset and the fetch position. kafkajs fetches from the resolved
 * offset, which runs ahead while a window is pending; the commit follows only the durable prefix. Flushes run one
 * at a time, so a flush settles after every earlier one: the commit is what the flush may commit (its window's
 * span end, or for an early flush the first offset still pending) or its first offset that is not durable,
 * whichever is lower. A reset (rewind, rebalance) starts a new epoch, so a late settlement of messages fetched
 * before it is ignored and the re-fetched messages count afresh.
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
   * Settles a flush: every message before `firstNotDurable` (all of them when null) and before `settlement.next`
   * has a durable outcome. Returns the offset to commit (the next to read), or null when the settlement is from an
   * older epoch.
   */
  settle(settlement: Settlement, firstNotDurable: number | null): number | null {
    if (settlement.epoch !== this.current) return null;
    this.pendingMessages = Math.max(0, this.pendingMessages - settlement.count);
    return Math.min(firstNotDurable ?? Infinity, settlement.next);
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
