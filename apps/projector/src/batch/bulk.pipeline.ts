import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ItemOutcome, PlannedWrite } from '../core/projection.types';
import type { RequestLimits } from '../elasticsearch/job-tasks.repository';

/** Sends one bulk request and answers its items' outcomes, index for index. */
export type SendBulk = (writes: readonly PlannedWrite[]) => Promise<ItemOutcome[]>;

/**
 * One write round's documents, sent in bulk requests while the round is still being planned: planning (the join
 * with the stored document, the JSON) is CPU on this thread and a bulk is waiting on Elasticsearch, so the next
 * chunk is planned while earlier ones are in flight instead of all planning before the first request. At most
 * `limits.concurrency` requests are in flight: a round writes each document once, so its requests never touch the
 * same document and may run side by side (Elasticsearch indexes each on its own write thread). The outcomes come
 * back in the order the writes were added, whatever order the requests answer in. After a failed request nothing
 * more is sent and `finish` rejects with that failure: the round then counts as not written at all, as when the
 * requests were sent one after the other (what did land is found by the next round's conditional writes).
 */
export class BulkPipeline {
  private chunk: PlannedWrite[] = [];
  private chunkBytes = 0;
  private readonly inFlight = new Set<Promise<void>>();
  /** Each request's outcomes, by the order it was sent in. */
  private readonly answers: ItemOutcome[][] = [];
  private failure: { error: unknown } | null = null;

  constructor(
    private readonly send: SendBulk,
    private readonly limits: RequestLimits,
  ) {}

  /** Whether `write` must start a new request: the current one is full by documents or by bytes. */
  isFullFor(write: PlannedWrite): boolean {
    if (this.chunk.length === 0) return false;
    if (this.chunk.length >= this.limits.maxDocs) return true;
    return this.chunkBytes + write.json.length > this.limits.maxBytes;
  }

  add(write: PlannedWrite): void {
    this.chunk.push(write);
    this.chunkBytes += write.json.length;
  }

  /**
   * Sends the current chunk once fewer than `concurrency` requests are in flight, and resolves once it is on its
   * way, so the caller plans on while Elasticsearch works.
   */
  async sendChunk(): Promise<void> {
    const chunk = this.chunk;
    this.chunk = [];
    this.chunkBytes = 0;
    while (this.inFlight.size >= this.limits.concurrency) {
      await Promise.race(this.inFlight);
    }
    if (chunk.length === 0 || this.failure !== null) return;
    const slot = this.answers.length;
    this.answers.push([]);
    // Handled at once, so a request failing while the caller plans is never an unhandled rejection.
    const request: Promise<void> = this.send(chunk)
      .then(
        (outcomes) => void (this.answers[slot] = outcomes),
        (error: unknown) => void (this.failure ??= { error }),
      )
      .finally(() => this.inFlight.delete(request));
    this.inFlight.add(request);
    // The client writes the request from a later turn of the event loop; without this the planning would run first.
    await nextTurn();
  }

  /** Sends what is left and answers every write's outcome, in order; rejects if any request failed. */
  async finish(): Promise<ItemOutcome[]> {
    await this.sendChunk();
    await Promise.all(this.inFlight);
    if (this.failure !== null) throw this.failure.error;
    return this.answers.flat();
  }
}
