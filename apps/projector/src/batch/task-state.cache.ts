import type { JobTaskDocument } from '@app/domain';
import type { StoredDocument } from '../core/projection.types';

export interface CacheLimits {
  maxDocs: number;
  maxBytes: number;
}

interface Entry {
  index: string;
  seqNo: number;
  primaryTerm: number;
  /** Kept as JSON: a third of the heap of the parsed object, and parsed only when the task has new events. */
  json: string;
  partition: number;
}

export interface CacheStats {
  docs: number;
  bytes: number;
  hits: number;
  misses: number;
}

/**
 * The durable versions of documents this instance wrote or read lately, with their seq_no/primary_term, so the next
 * window needs no mget for them. Only clean state lives here (what Elasticsearch holds); dirty state is the
 * window's. Bounded by documents and bytes, least recently used first out. A stale entry is harmless: the guarded
 * write gets a 409 and the document is read again.
 */
export class TaskStateCache {
  // A Map iterates in insertion order: re-inserting on use makes its first key the least recently used.
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private hits = 0;
  private misses = 0;

  constructor(private readonly limits: CacheLimits) {}

  /** The cached versions of `ids`, counted as hits and misses. */
  lookup(ids: Iterable<string>): Map<string, StoredDocument> {
    const found = new Map<string, StoredDocument>();
    for (const id of ids) {
      const entry = this.entries.get(id);
      if (entry === undefined) {
        this.misses += 1;
        continue;
      }
      this.hits += 1;
      this.entries.delete(id);
      this.entries.set(id, entry);
      found.set(id, {
        index: entry.index,
        seqNo: entry.seqNo,
        primaryTerm: entry.primaryTerm,
        document: JSON.parse(entry.json) as JobTaskDocument,
        json: entry.json,
      });
    }
    return found;
  }

  /** Remembers a durable version; `partition` is where its events came from, for evicting on revoke. */
  remember(id: string, stored: StoredDocument, partition: number): void {
    this.forget(id);
    const json = stored.json ?? JSON.stringify(stored.document);
    const entry = { index: stored.index, seqNo: stored.seqNo, primaryTerm: stored.primaryTerm };
    this.entries.set(id, { ...entry, json, partition });
    this.bytes += json.length;
    this.evictToFit();
  }

  forget(id: string): void {
    const entry = this.entries.get(id);
    if (entry === undefined) return;
    this.entries.delete(id);
    this.bytes -= entry.json.length;
  }

  /** Drops what was cached for partitions this instance no longer owns: another member now writes those tasks. */
  evictPartitions(partitions: ReadonlySet<number>): void {
    for (const [id, entry] of this.entries) if (partitions.has(entry.partition)) this.forget(id);
  }

  /** Drops entries read from an index the alias no longer points to (a rebuild swapped it). */
  evictUnless(indices: ReadonlySet<string>): void {
    for (const [id, entry] of this.entries) if (!indices.has(entry.index)) this.forget(id);
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  get stats(): CacheStats {
    return { docs: this.entries.size, bytes: this.bytes, hits: this.hits, misses: this.misses };
  }

  private evictToFit(): void {
    for (const id of this.entries.keys()) {
      if (this.entries.size <= this.limits.maxDocs && this.bytes <= this.limits.maxBytes) return;
      this.forget(id);
    }
  }
}
