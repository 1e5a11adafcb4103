import { foldEvent, jobTaskDocumentId, type TaskFacts } from '@app/domain';
import type { Rejection, SourcedEvent, SourceMessage } from '../core/projection.types';
import type { DecodedBatch } from './message-batch.plan';

/*
 * Heap estimates (apps/projector/test/window-memory.measure.ts compares them with the heap's growth): a task's folded
 * facts (the object, its maps and identity strings) and each event id they keep. A single piece also keeps its raw
 * message.
 */
const DOCUMENT_BYTES = 1_350;
const EVENT_BYTES = 200;

/**
 * Events of one task from one partition, folded into facts as they arrive. `source` is the raw message of a piece
 * that holds one event of an isolated task: only such a piece can be dead-lettered on its own (see store-write.rounds).
 */
export interface TaskPiece {
  facts: TaskFacts;
  /** Events folded in, repeated event_ids included. */
  events: number;
  newestOccurredAt: string;
  partition: number;
  /** The offset of the piece's first message: where the partition is re-read from if the piece is not durable. */
  firstOffset: number;
  source: SourceMessage | null;
}

/** The dirty state of one read-model document in a window. */
export interface TaskGroup {
  id: string;
  domainId: string;
  pieces: TaskPiece[];
  /** Where the newest events came from, for evicting the cached document on revoke. */
  lastPartition: number;
}

/** The offsets of one partition's messages in a window. */
export interface OffsetSpan {
  first: number;
  last: number;
  count: number;
  /** The ledger's epoch when the messages were fetched: a settlement from before a rewind or rebalance is ignored. */
  epoch: number;
}

/**
 * The dirty state of one flush window: each task's events folded on arrival (so a window costs heap per document,
 * not per event), the offset span per partition, and the rejections to dead-letter. Written as one unit (one guarded
 * write per document), then replaced by a new window.
 */
export class WriteWindow {
  readonly groups = new Map<string, TaskGroup>();
  readonly spans = new Map<number, OffsetSpan>();
  rejections: Rejection[] = [];
  bytes = 0;
  openedAt: number | null = null;

  /**
   * Takes one fetch of a partition. Events of `isolated` tasks stay one piece per event, with their raw message, so
   * Elasticsearch refusing that task's document can be traced to one event (store-write.rounds halves the pieces).
   */
  add(
    messages: readonly SourceMessage[],
    decoded: DecodedBatch,
    now: number,
    epoch: number,
    isolated: ReadonlySet<string> = new Set(),
  ): void {
    const first = messages[0];
    const last = messages[messages.length - 1];
    if (first === undefined || last === undefined) return;
    this.openedAt ??= now;
    const span = this.spans.get(first.partition);
    if (span === undefined || span.epoch !== epoch) {
      this.spans.set(first.partition, {
        first: first.offset,
        last: last.offset,
        count: messages.length,
        epoch,
      });
    } else {
      span.last = last.offset;
      span.count += messages.length;
    }
    this.rejections.push(...decoded.rejections);
    for (const sourced of decoded.events) this.fold(sourced, isolated);
  }

  /** Messages the window took, rejected ones included. */
  get messageCount(): number {
    let total = 0;
    for (const span of this.spans.values()) total += span.count;
    return total;
  }

  get dirtyDocs(): number {
    return this.groups.size;
  }

  get isEmpty(): boolean {
    return this.spans.size === 0;
  }

  ageMs(now: number): number {
    return this.openedAt === null ? 0 : now - this.openedAt;
  }

  /** Forgets a partition's messages: they will be fetched again (after a rewind or a rebalance). */
  dropPartition(partition: number): void {
    if (!this.spans.delete(partition)) return;
    this.rejections = this.rejections.filter((r) => r.source.partition !== partition);
    for (const [id, group] of this.groups) {
      const kept = group.pieces.filter((p) => p.partition !== partition);
      if (kept.length === group.pieces.length) continue;
      this.bytes -= bytesOf(group.pieces) - bytesOf(kept);
      if (kept.length === 0) {
        this.groups.delete(id);
        this.bytes -= DOCUMENT_BYTES;
      } else group.pieces = kept;
    }
    if (this.spans.size === 0) this.openedAt = null;
  }

  private fold({ event, source }: SourcedEvent, isolated: ReadonlySet<string>): void {
    const id = jobTaskDocumentId(event.domain_id, event.job_task_id);
    let group = this.groups.get(id);
    if (group === undefined) {
      group = { id, domainId: event.domain_id, pieces: [], lastPartition: source.partition };
      this.groups.set(id, group);
      this.bytes += DOCUMENT_BYTES;
    }
    group.lastPartition = source.partition;
    const single = isolated.has(id);
    const piece = single
      ? undefined
      : group.pieces.find((p) => p.partition === source.partition && p.source === null);
    if (piece === undefined) {
      const fresh: TaskPiece = {
        facts: foldEvent(null, event).facts,
        events: 1,
        newestOccurredAt: event.occurred_at,
        partition: source.partition,
        firstOffset: source.offset,
        source: single ? source : null,
      };
      group.pieces.push(fresh);
      this.bytes += bytesOf([fresh]);
      return;
    }
    // A repeated event_id leaves the facts as they were; it still counts, as a duplicate at write time.
    const { added } = foldEvent(piece.facts, event);
    piece.events += 1;
    if (event.occurred_at > piece.newestOccurredAt) piece.newestOccurredAt = event.occurred_at;
    if (added) this.bytes += EVENT_BYTES;
  }
}

/** The bytes a group's pieces were counted at: one EVENT_BYTES per distinct event, plus raw messages. */
function bytesOf(pieces: readonly TaskPiece[]): number {
  let total = 0;
  for (const piece of pieces)
    total += distinctEvents(piece) * EVENT_BYTES + (piece.source?.value?.length ?? 0);
  return total;
}

function distinctEvents(piece: TaskPiece): number {
  const f = piece.facts;
  return f.lifecycleIds.size + f.resourceSucceeded.size + f.resourceFailed.size;
}
