import type { SearchResponseBody } from './search-port';

/**
 * Whether a search ran on exactly one shard. Every plan in this library is exact on any number of
 * shards (docs/cluster.md); a plan that is exact only on one (a `terms` aggregation ordered by count
 * and cut to a size, whose per-shard top lists can miss a term) must check its response with this
 * and fall back to an exact plan otherwise. The response is the truth: the index behind the alias
 * may have been built with another READ_MODEL_SHARDS than the API was started with.
 */
export function answeredByOneShard(response: Pick<SearchResponseBody, '_shards'>): boolean {
  return response._shards?.total === 1;
}
