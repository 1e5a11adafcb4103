import { JOB_TASK_INFO_FIELDS } from '../../fields';
import { MISSING_DATE_SORT_VALUE } from '../../list/es-sort.builder';
import type { DomainSearchPort, JsonObject, SearchRequestBody } from '../../search-port';
import { asObject, asNumber } from '../push-down/es-json';
import { docToRow, type Row } from './row-value';
import { invalidParam } from '../stat.errors';

const PAGE_SIZE = 2000;
const KEEP_ALIVE = '1m';

/**
 * The stream order every first/last/push relies on: created_at ascending (unset first), then id. Unset
 * sorts first through the list's sentinel, not `_first`: that makes ES report -2^63 as the sort value,
 * which comes back through JSON as -9223372036854776000 and fails `search_after` on a date field.
 */
export const STREAM_SORT = [
  { created_at: { order: 'asc', missing: MISSING_DATE_SORT_VALUE } },
  { job_task_id: { order: 'asc' } },
];

const PUBLIC_FIELDS = [...JOB_TASK_INFO_FIELDS];

/**
 * Reads every document in scope, in stream order, from one point-in-time snapshot (so a concurrent
 * write cannot make a page skip or repeat a task). Refuses with a 400 before reading when more than
 * `maxDocs` match: the pipelines that need this path are answered in the API's memory.
 */
export async function scanRows(
  port: DomainSearchPort,
  query: JsonObject,
  maxDocs: number,
  reason: string,
): Promise<Row[]> {
  let pitId = await port.openPointInTime(KEEP_ALIVE);
  try {
    const rows: Row[] = [];
    let searchAfter: unknown[] | undefined;
    for (let first = true; ; first = false) {
      const body: SearchRequestBody = {
        query,
        size: PAGE_SIZE,
        sort: STREAM_SORT,
        _source: PUBLIC_FIELDS,
        track_total_hits: first,
        pit: { id: pitId, keep_alive: KEEP_ALIVE },
        ...(searchAfter === undefined ? {} : { search_after: searchAfter }),
      };
      const res = await port.search(body);
      pitId = res.pit_id ?? pitId;
      const total = asNumber(res.hits.total?.value) ?? 0;
      if (first && total > maxDocs) {
        throw invalidParam(
          'query.aggregate',
          `this pipeline (${reason}) is evaluated over the matching documents in the API: ` +
            `${total} match, at most ${maxDocs} may; narrow the filter`,
        );
      }
      for (const hit of res.hits.hits) rows.push(docToRow(asObject(hit._source)));
      const last = res.hits.hits[res.hits.hits.length - 1];
      if (res.hits.hits.length < PAGE_SIZE || last?.sort === undefined) break;
      if (rows.length > maxDocs)
        throw invalidParam('query.aggregate', `more than ${maxDocs} documents`);
      searchAfter = last.sort;
    }
    return rows;
  } finally {
    // The snapshot expires on its own; failing to close it must not hide the request's own outcome.
    await port.closePointInTime(pitId).catch(() => undefined);
  }
}
