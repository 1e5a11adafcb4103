import { DomainSearchPort, JsonObject } from '../search-port';
import {
  exactTotal,
  lastSortValues,
  PIT_KEEP_ALIVE,
  RESULT_WINDOW,
  sourcesOf,
} from './search-window';

export interface PitPageRequest {
  query: JsonObject;
  sort: unknown[];
  /** number of matches to skip */
  offset: number;
  /** number of matches to return after them */
  limit: number;
  source: string[];
}

/**
 * Pages past the result window: inside one point in time, skip `offset` matches in windows that
 * fetch no _source, then read the page, each step continuing from the last hit's sort values. The
 * sort ends in the unique job_task_id, so the cursor never skips or repeats a task. The total comes
 * from the same snapshot.
 */
export async function readThroughPointInTime(
  port: DomainSearchPort,
  request: PitPageRequest,
): Promise<{ sources: JsonObject[]; total: number }> {
  let pitId = await port.openPointInTime(PIT_KEEP_ALIVE);
  let total: number | undefined;
  let after: unknown[] | undefined;

  const step = async (size: number, source: false | string[]) => {
    const response = await port.search({
      query: request.query,
      sort: request.sort,
      size,
      _source: source,
      track_total_hits: total === undefined,
      pit: { id: pitId, keep_alive: PIT_KEEP_ALIVE },
      ...(after ? { search_after: after } : {}),
    });
    pitId = response.pit_id ?? pitId;
    total ??= exactTotal(response);
    const hits = response.hits.hits;
    if (hits.length > 0) after = lastSortValues(hits);
    return hits;
  };

  try {
    let skipped = 0;
    while (skipped < request.offset) {
      const size = Math.min(RESULT_WINDOW, request.offset - skipped);
      const hits = await step(size, false);
      skipped += hits.length;
      if (hits.length < size) return { sources: [], total: total ?? 0 };
    }
    const sources: JsonObject[] = [];
    while (sources.length < request.limit) {
      const size = Math.min(RESULT_WINDOW, request.limit - sources.length);
      const hits = await step(size, request.source);
      sources.push(...sourcesOf(hits));
      if (hits.length < size) break;
    }
    return { sources, total: total ?? 0 };
  } finally {
    // A failed close only leaves the PIT to expire after its keep-alive; the answer stands.
    await port.closePointInTime(pitId).catch(() => undefined);
  }
}
