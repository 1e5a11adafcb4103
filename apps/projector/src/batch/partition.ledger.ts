import type { SourceMessage } from '../core/projection.types';

/**
 * One partition's messages between the committed position and the fetch position. kafkajs fetches from the
 * resolved offset, which runs ahead while a window is pending; the commit follows only the durable prefix, tracked
 * here. Messages are tracked by identity: after a reset (rewind, rebalance) a late settlement of an old message is
 * ignored, and the re-fetched copies are tracked afresh.
 */
export class PartitionLedger {
  private tracked: SourceMessage[] = [];
  private head = 0;
  private readonly settled = new Set<SourceMessage>();
  private members = new Set<SourceMessage>();

  record(messages: readonly SourceMessage[]): void {
    for (const message of messages) {
      this.tracked.push(message);
      this.members.add(message);
    }
  }

  settle(messages: Iterable<SourceMessage>): void {
    for (const message of messages) if (this.members.has(message)) this.settled.add(message);
  }

  tracks(message: SourceMessage): boolean {
    return this.members.has(message);
  }

  /** Moves past the settled prefix; returns the new position to commit, or null when it did not move. */
  advance(): number | null {
    const start = this.head;
    while (this.head < this.tracked.length) {
      const message = this.tracked[this.head]!;
      if (!this.settled.has(message)) break;
      this.settled.delete(message);
      this.members.delete(message);
      this.head += 1;
    }
    if (this.head === start) return null;
    const next = this.tracked[this.head - 1]!.offset + 1;
    if (this.head > 1_024 && this.head * 2 > this.tracked.length) {
      this.tracked = this.tracked.slice(this.head);
      this.head = 0;
    }
    return next;
  }

  /** The offset of the first message not yet durable, or null when every tracked message is. */
  firstUnsettled(): number | null {
    for (let i = this.head; i < this.tracked.length; i += 1) {
      const message = this.tracked[i]!;
      if (!this.settled.has(message)) return message.offset;
    }
    return null;
  }

  get pending(): number {
    return this.tracked.length - this.head;
  }

  reset(): void {
    this.tracked = [];
    this.head = 0;
    this.settled.clear();
    this.members = new Set();
  }
}
