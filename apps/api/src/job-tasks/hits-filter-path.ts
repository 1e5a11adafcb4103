import type { SearchResponseBody } from '@app/query';

/**
 * What a search that reads hits (list pages, point-in-time paging, the stat scan) uses of the
 * response, sent as Elasticsearch's `filter_path` so the rest (`took`, `_index`, `_id`, `_score`,
 * `max_score`, …) is neither serialised by Elasticsearch nor parsed here:
 * - `_shards` and `timed_out`: the complete-answer guard and `answeredByOneShard` read them;
 * - `hits.total`: the exact total of a page;
 * - `hits.hits._source`: the documents, mapped to JobTaskInfo;
 * - `hits.hits.sort`: `search_after` continues from the last hit's sort values; every such search
 *   is sorted, so every hit keeps at least this field and no hit drops out of the array;
 * - `pit_id`: a point-in-time search may answer with a new id.
 * Error responses are never filtered by Elasticsearch, so rejections are classified as before.
 */
export const HITS_FILTER_PATH = [
  '_shards',
  'timed_out',
  'hits.total',
  'hits.hits._source',
  'hits.hits.sort',
  'pit_id',
].join(',');

/**
 * A filtered response leaves out what it would have had empty: no hit gives no `hits.hits`, and with
 * `track_total_hits: false` not even `hits`. The planners read `hits.hits` as an array, as in an
 * unfiltered response.
 */
export function withHitsArray(response: Partial<SearchResponseBody>): SearchResponseBody {
  const hits = response.hits;
  return { ...response, hits: { ...hits, hits: hits?.hits ?? [] } };
}
