import type { Rejection, SourceMessage } from '../core/projection.types';
import { groupByTask, type DecodedBatch, type TaskGroup } from './message-batch.plan';

/** Heap a decoded event costs beyond its raw bytes (the event object, its strings, the message record). */
const EVENT_OVERHEAD_BYTES = 320;

/**
 * The dirty state of one flush window: every event consumed since the last flush, grouped by document, and the
 * rejections to dead-letter. Written as one unit (one guarded write per document), then replaced by a new window.
 */
export class WriteWindow {
  readonly groups = new Map<string, TaskGroup>();
  rejections: Rejection[] = [];
  /** Every message of the window, for the dead-letter watermark split. */
  messages: SourceMessage[] = [];
  bytes = 0;
  openedAt: number | null = null;

  add(messages: readonly SourceMessage[], decoded: DecodedBatch, now: number): void {
    if (messages.length === 0) return;
    this.openedAt ??= now;
    for (const message of messages) {
      this.messages.push(message);
      this.bytes += (message.value?.length ?? 0) + EVENT_OVERHEAD_BYTES;
    }
    this.rejections.push(...decoded.rejections);
    groupByTask(decoded.events, this.groups);
  }

  get dirtyDocs(): number {
    return this.groups.size;
  }

  get isEmpty(): boolean {
    return this.messages.length === 0;
  }

  ageMs(now: number): number {
    return this.openedAt === null ? 0 : now - this.openedAt;
  }

  /** Forgets a partition's messages: they will be fetched again (after a rewind or a rebalance). */
  dropPartition(partition: number): void {
    const keep = (m: SourceMessage): boolean => m.partition !== partition;
    this.messages = this.messages.filter(keep);
    this.rejections = this.rejections.filter((r) => keep(r.source));
    for (const [id, group] of this.groups) {
      group.events = group.events.filter((e) => keep(e.source));
      if (group.events.length === 0) this.groups.delete(id);
    }
    this.bytes = this.messages.reduce(
      (n, m) => n + (m.value?.length ?? 0) + EVENT_OVERHEAD_BYTES,
      0,
    );
    if (this.messages.length === 0) this.openedAt = null;
  }
}
