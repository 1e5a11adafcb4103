import { lookupField } from '../filter';
import { effectiveSort, ListSortKey } from './list-request';

/**
 * Null/missing sorts lowest. Numeric and date fields get an explicit sentinel below every real value
 * instead of `_first`/`_last`: those make ES report ±2^63 as the hit's sort value, which JSON numbers
 * cannot carry back exactly in `search_after`. Both sentinels are exact in a double.
 */
export const MISSING_INTEGER_SORT_VALUE = -2_147_483_649;
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
