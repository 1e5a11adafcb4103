import type { DlqReason, JobTaskDocument, JobTaskEvent } from '@app/domain';

/**
 * One consumed Kafka record. Offsets are int64 on the wire; a JS number is exact up to 2^53, which a partition
 * would need centuries at a million records per second to reach.
 */
export interface SourceMessage {
  topic: string;
  partition: number;
  offset: number;
  key: Buffer | null;
  value: Buffer | null;
  headers?: MessageHeaders;
  /** Kafka's timestamp (CreateTime: the producer's clock, unless the topic appends its own), in ms. */
  appendedAt?: number;
}

export type MessageHeaders = Readonly<
  Record<string, Buffer | string | (Buffer | string)[] | undefined>
>;

export interface SourcedEvent {
  event: JobTaskEvent;
  source: SourceMessage;
}

/** A message that goes to the dead-letter topic instead of the read model. */
export interface Rejection {
  source: SourceMessage;
  reason: DlqReason;
  message: string;
}

/** A document as read from Elasticsearch, with what optimistic concurrency needs to overwrite it safely. */
export interface StoredDocument {
  /** The concrete index it was read from: a write must go back there, never through the alias (see docs). */
  index: string;
  seqNo: number;
  primaryTerm: number;
  document: JobTaskDocument;
  /** The document's JSON when we have it already (we wrote it), so the cache need not serialise it again. */
  json?: string;
}

/** One document to write: `create` when `current` is null, else an `index` guarded by if_seq_no/if_primary_term. */
export interface PlannedWrite {
  id: string;
  domainId: string;
  document: JobTaskDocument;
  /** The document serialised once, for the bulk body and for the cache's byte accounting. */
  json: string;
  current: StoredDocument | null;
  /** Distinct events new to the document, and the window's other events (already in it, or repeated). */
  applied: number;
  duplicates: number;
  /** The newest occurred_at among the events written, for the applied-lag metric. */
  newestOccurredAt: string;
}

/** Where new documents go: the live alias, or a concrete index being rebuilt. */
export interface WriteTarget {
  name: string;
  isAlias: boolean;
}

/** How Elasticsearch answered one bulk item. */
export type ItemOutcome =
  | { kind: 'written'; index: string; seqNo: number; primaryTerm: number }
  /** Someone else wrote the document since we read it (409), or the index we read it from is gone (404). */
  | { kind: 'conflict' }
  /** Overload or a server fault on this one item (429, 5xx): retry later, never skip. */
  | { kind: 'transient'; detail: string }
  /** The document itself cannot be indexed (mapping/parse error): retrying would fail forever. */
  | { kind: 'rejected'; detail: string };
