import { lookupField } from '../filter';
import { INT32_MIN } from '../filter/es/numeric-bounds';
import { effectiveSort, ListSortKey } from './list-request';

/**
 * Null/missing sorts lowest, through an explicit sentinel rather than `_first`/`_last`, which make ES
 * report ±2^63 as a date's sort value, a number JSON cannot carry back exactly in `search_after`.
 * Measured on 8.19: an integer field sorts as a Java int, so its sentinel must itself be an int (one
 * below INT32_MIN wrapped round to INT32_MAX and sorted unset counts highest). INT32_MIN is free: the
 * projector never stores a negative count. The date sentinel lies below every ISO 8601 instant and is
 * exact in a double. The stat scan orders its stream with the same date sentinel.
 */
export const MISSING_INTEGER_SORT_VALUE = INT32_MIN;
export const MISSING_DATE_SORT_VALUE = -8_640_000_000_000_001;

function missingValue(key: string, desc: boolean): string | number {
  const kind = lookupField(key)?.kind;
  if (kind === 'integer') return MISSING_INTEGER_SORT_VALUE;
  if (kind === 'date') return MISSING_DATE_SORT_VALUE;
  return desc ? '_last' : '_first';
}

/** The ES `sort` for a request: its keys, then the job_task_id tie-breaker. */
export function buildEsSort(sort: readonly ListSortKey[]): unknown[] {
  return effectiveSort(sort).map(({ key, desc }) => ({
    [key]: { order: desc ? 'desc' : 'asc', missing: missingValue(key, desc) },
  }));
}
