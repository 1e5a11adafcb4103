import { foldEvent, jobTaskDocumentId, type TaskFacts } from '@app/domain';
import type {
  MessageHeaders,
  Rejection,
  SourcedEvent,
  SourceMessage,
} from '../core/projection.types';
import type { DecodedBatch } from './message-batch.plan';

/*
 * Heap estimates (apps/projector/test/window-memory.measure.ts compares them with the heap's growth): a task's folded
 * facts (the object, its maps and identity strings) and each event id they keep. A single piece also keeps its raw
 * message.
 */
const DOCUMENT_BYTES = 1_350;
const EVENT_BYTES = 200;
/**
 * What a plain event's value (ids, type, times, counts) takes at most. The facts also keep an event's error messages
 * with their `additional` and its descriptive fields, which a value of up to the size limit can carry: every byte of
 * a value beyond this counts too, or a hot task of large errors would outgrow the byte bound unseen.
 */
const PLAIN_EVENT_VALUE_BYTES = 512;
/** A rejection's own objects beside its raw bytes (which it keeps until it is dead-lettered). */
const REJECTION_BYTES = 200;

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
  /** What the piece adds to the window's byte estimate. */
  bytes: number;
}

/** The dirty state of one read-model document in a window. */
export interface TaskGroup {
  id: string;
  domainId: string;
  pieces: TaskPiece[];
  /** Where the newest events came from, for evicting the cached document on revoke. */
  lastPartition: number;
}

/**
 * What a flush may commit for one partition once everything it wrote is durable: the next offset to read, and the
 * messages that settles (0 for an early flush, whose partition still has messages pending in the window).
 */
export interface Settlement {
  next: number;
  count: number;
  epoch: number;
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
  /** Groups whose task has finished (a terminal event is folded in): written early, see takeFinished. */
  private readonly finished = new Set<string>();
  /** Set on a window taken by takeFinished: what its flush commits (it holds no spans of its own). */
  private early: Map<number, Settlement> | null = null;

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
    for (const rejection of decoded.rejections) {
      const kept = { ...rejection, source: detached(rejection.source) };
      this.rejections.push(kept);
      this.bytes += rejectionBytes(kept);
    }
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

  /** Dirty documents of finished tasks. */
  get finishedDocs(): number {
    return this.finished.size;
  }

  /**
   * What a flush of this window commits per partition when all of it is durable: a window's whole spans, or for an
   * early window the first offset still pending in the window it was taken from.
   */
  get settlements(): Map<number, Settlement> {
    if (this.early !== null) return this.early;
    const settled = new Map<number, Settlement>();
    for (const [partition, span] of this.spans)
      settled.set(partition, { next: span.last + 1, count: span.count, epoch: span.epoch });
    return settled;
  }

  /** Per partition, the first offset this window holds (a piece's first message or a rejection). */
  get firstOffsets(): Map<number, number> {
    const first = new Map<number, number>();
    const see = (partition: number, offset: number): void => {
      const known = first.get(partition);
      if (known === undefined || offset < known) first.set(partition, offset);
    };
    for (const group of this.groups.values())
      for (const piece of group.pieces) see(piece.partition, piece.firstOffset);
    for (const rejection of this.rejections)
      see(rejection.source.partition, rejection.source.offset);
    return first;
  }

  /**
   * Moves the finished tasks and the rejections into a window of their own, to be written before this one is due:
   * a finished task rarely gets more events, so writing it now costs no extra write, keeps Elasticsearch busy
   * while this window fills, and makes the task's end visible at once. Its flush commits, per partition, up to
   * the first offset still pending here (every message before it belongs to a piece written now or before).
   */
  takeFinished(): WriteWindow {
    const taken = new WriteWindow();
    taken.openedAt = this.openedAt;
    for (const id of this.finished) {
      const group = this.groups.get(id);
      if (group === undefined) continue;
      this.groups.delete(id);
      taken.groups.set(id, group);
      const bytes = DOCUMENT_BYTES + bytesOf(group.pieces);
      this.bytes -= bytes;
      taken.bytes += bytes;
    }
    this.finished.clear();
    taken.rejections = this.rejections;
    this.rejections = [];
    const rejected = sumOf(taken.rejections, rejectionBytes);
    this.bytes -= rejected;
    taken.bytes += rejected;
    const pending = this.firstOffsets;
    taken.early = new Map();
    for (const [partition, span] of this.spans) {
      const next = Math.min(pending.get(partition) ?? Infinity, span.last + 1);
      taken.early.set(partition, { next, count: 0, epoch: span.epoch });
    }
    return taken;
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
    const dropped = this.rejections.filter((r) => r.source.partition === partition);
    this.bytes -= sumOf(dropped, rejectionBytes);
    this.rejections = this.rejections.filter((r) => r.source.partition !== partition);
    for (const [id, group] of this.groups) {
      const kept = group.pieces.filter((p) => p.partition !== partition);
      if (kept.length === group.pieces.length) continue;
      this.bytes -= bytesOf(group.pieces) - bytesOf(kept);
      if (kept.length === 0) {
        this.groups.delete(id);
        this.finished.delete(id);
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
    const eventBytes =
      EVENT_BYTES + Math.max(0, (source.value?.length ?? 0) - PLAIN_EVENT_VALUE_BYTES);
    if (piece === undefined) {
      const kept = single ? detached(source) : null;
      const fresh: TaskPiece = {
        facts: foldEvent(null, event).facts,
        events: 1,
        newestOccurredAt: event.occurred_at,
        partition: source.partition,
        firstOffset: source.offset,
        source: kept,
        bytes: eventBytes + (kept === null ? 0 : rawBytes(kept)),
      };
      group.pieces.push(fresh);
      this.bytes += fresh.bytes;
      if (fresh.facts.terminal !== null) this.finished.add(id);
      return;
    }
    // A repeated event_id leaves the facts as they were; it still counts, as a duplicate at write time.
    const { added } = foldEvent(piece.facts, event);
    piece.events += 1;
    if (event.occurred_at > piece.newestOccurredAt) piece.newestOccurredAt = event.occurred_at;
    if (added) {
      piece.bytes += eventBytes;
      this.bytes += eventBytes;
    }
    if (piece.facts.terminal !== null) this.finished.add(id);
  }
}

/** The bytes a group's pieces were counted at. */
function bytesOf(pieces: readonly TaskPiece[]): number {
  return sumOf(pieces, (piece) => piece.bytes);
}

function rejectionBytes(rejection: Rejection): number {
  return REJECTION_BYTES + rawBytes(rejection.source);
}

function sumOf<T>(items: readonly T[], bytes: (item: T) => number): number {
  let total = 0;
  for (const item of items) total += bytes(item);
  return total;
}

/** The key, value and header bytes of a message. */
function rawBytes(source: SourceMessage): number {
  let total = (source.key?.length ?? 0) + (source.value?.length ?? 0);
  for (const [name, value] of Object.entries(source.headers ?? {}))
    for (const v of [value ?? []].flat()) total += name.length + v.length;
  return total;
}

/**
 * A message whose bytes the window keeps (to dead-letter them), copied: kafkajs hands out views of the whole fetch
 * response, so one kept view would keep every message of that fetch alive, unseen by the byte bound.
 */
function detached(source: SourceMessage): SourceMessage {
  const copy = (bytes: Buffer | null): Buffer | null =>
    bytes === null ? null : Buffer.from(bytes);
  return {
    ...source,
    key: copy(source.key),
    value: copy(source.value),
    ...(source.headers && { headers: detachedHeaders(source.headers) }),
  };
}

function detachedHeaders(headers: MessageHeaders): MessageHeaders {
  const copy = (v: Buffer | string): Buffer | string => (Buffer.isBuffer(v) ? Buffer.from(v) : v);
  const copied: Record<string, Buffer | string | (Buffer | string)[] | undefined> = {};
  for (const [name, value] of Object.entries(headers))
    copied[name] = Array.isArray(value)
      ? value.map(copy)
      : value === undefined
        ? value
        : copy(value);
  return copied;
}
