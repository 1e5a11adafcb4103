import { errors, type Client } from '@elastic/elasticsearch';
import { z } from 'zod';

/**
 * The `_id` the probe deletes. Read-model ids are `<domain>:<task>` with any ':' inside escaped, so an id
 * without one can never name a document.
 */
export const PROBE_DOCUMENT_ID = 'refresh-probe';
/**
 * How long one probe may wait for its refresh: a cluster whose refresh is switched off may hold it for good.
 * Elasticsearch keeps a waiting probe's listener after the client gives up, and forces a refresh only past
 * 1,000 of them per shard, so at one probe per this period that limit is never reached.
 */
export const PROBE_TIMEOUT_MS = 10 * 60_000;
/** Routing values tried per shard to find one that lands there (a fixed cost, once per index). */
const ROUTING_CANDIDATES_PER_SHARD = 64;

const searchShardsResponse = z.object({
  shards: z.array(z.array(z.object({ index: z.string(), shard: z.number() }))),
});
const bulkResponse = z.object({
  items: z.array(z.record(z.string(), z.object({ status: z.number() }))),
});

export class ProbeFailedError extends Error {
  readonly code = 'REFRESH_PROBE.FAILED';

  constructor(target: string, detail: string) {
    super(`refresh probe of ${target} failed: ${detail}`);
    this.name = 'ProbeFailedError';
  }
}

/**
 * Proves that everything acknowledged before it is searchable, without forcing a refresh and without
 * holding up the projector's bulks: one `delete` of a document that does not exist per shard of every index
 * behind the target, in one `_bulk?refresh=wait_for`. A delete is an operation like any other (a tombstone,
 * soft-deleted and invisible to searches), so Elasticsearch answers it only once a refresh has covered it on
 * the primary and every in-sync replica, and each copy's refresh covers whatever its translog held before.
 * A search-idle copy refreshes at once for a waiting listener, so the probe comes back there too.
 */
export class RefreshProbe {
  /** Per concrete index, one routing value per shard number. */
  private readonly routings = new Map<string, Map<number, string>>();
  /** Aborts the probes in flight on shutdown: one may wait minutes, and closing the client waits for it. */
  private readonly stopping = new AbortController();

  constructor(private readonly es: Client) {}

  /**
   * Resolves once every write to `target` acknowledged before the call is searchable. A target that does not
   * exist holds nothing searchable, so it resolves at once.
   */
  async await(target: string): Promise<void> {
    const shards = await this.shardsOf(target);
    if (shards === null) return;
    const operations: object[] = [];
    for (const [index, numbers] of shards) {
      const routing = await this.routingsFor(index, numbers);
      for (const value of routing.values())
        operations.push({ delete: { _index: index, _id: PROBE_DOCUMENT_ID, routing: value } });
    }
    if (operations.length === 0) return;
    const body: unknown = await this.es.bulk(
      { operations, refresh: 'wait_for', filter_path: ['items.*.status'] },
      { requestTimeout: PROBE_TIMEOUT_MS, maxRetries: 0, signal: this.stopping.signal },
    );
    const failed = bulkResponse
      .parse(body)
      .items.flatMap((item) => Object.values(item))
      .filter((item) => item.status !== 404 && (item.status < 200 || item.status > 299));
    if (failed.length > 0)
      throw new ProbeFailedError(target, `statuses ${failed.map((f) => f.status).join(', ')}`);
  }

  stop(): void {
    this.stopping.abort();
  }

  /** The shard numbers of every index behind the target, or null when it does not exist. */
  private async shardsOf(target: string): Promise<Map<string, Set<number>> | null> {
    let body: unknown;
    try {
      body = await this.es.searchShards(
        { index: target },
        { maxRetries: 0, signal: this.stopping.signal },
      );
    } catch (error) {
      if (error instanceof errors.ResponseError && error.statusCode === 404) return null;
      throw error;
    }
    const shards = new Map<string, Set<number>>();
    for (const copies of searchShardsResponse.parse(body).shards) {
      for (const { index, shard } of copies) {
        const numbers = shards.get(index) ?? new Set<number>();
        numbers.add(shard);
        shards.set(index, numbers);
      }
    }
    return shards;
  }

  /** Finds, by asking Elasticsearch where each candidate routes, one routing value per shard. */
  private async routingsFor(index: string, shards: Set<number>): Promise<Map<number, string>> {
    const known = this.routings.get(index) ?? new Map<number, string>();
    this.routings.set(index, known);
    const limit = shards.size * ROUTING_CANDIDATES_PER_SHARD;
    for (let candidate = 0; known.size < shards.size && candidate < limit; candidate += 1) {
      const routing = `p${candidate}`;
      const body: unknown = await this.es.searchShards(
        { index, routing },
        { maxRetries: 0, signal: this.stopping.signal },
      );
      const shard = searchShardsResponse.parse(body).shards[0]?.[0]?.shard;
      if (shard !== undefined && !known.has(shard)) known.set(shard, routing);
    }
    if (known.size < shards.size)
      throw new ProbeFailedError(index, `no routing value found for every one of its shards`);
    return known;
  }
}
