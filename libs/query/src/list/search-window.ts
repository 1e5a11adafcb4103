import { JsonObject, SearchHit, SearchResponseBody } from '../search-port';

/** ES's default `index.max_result_window`: from + size may not exceed it. */
export const RESULT_WINDOW = 10_000;
export const PIT_KEEP_ALIVE = '1m';

/** With `track_total_hits: true` the total is exact; anything else is a bug, not a client error. */
export function exactTotal(response: SearchResponseBody): number {
  const total = response.hits.total;
  if (!total || total.relation !== 'eq') {
    throw new Error('search response has no exact total (track_total_hits was not honoured)');
  }
  return total.value;
}

export function sourcesOf(hits: SearchHit[]): JsonObject[] {
  return hits.map((hit) => hit._source ?? {});
}

export function lastSortValues(hits: SearchHit[]): unknown[] {
  const sort = hits[hits.length - 1]?.sort;
  if (!sort) throw new Error('search hit without sort values; search_after needs them');
  return sort;
}
