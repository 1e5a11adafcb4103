import { QueryScope } from '../filter';

export interface ListSortKey {
  key: string;
  desc: boolean;
}

export interface PageRequest {
  /** 1-based position of the first result among all matches */
  start: number;
  limit: number;
}

/** A validated JobTaskQuery. `sort` holds the client's keys (or the default), without tie-breaker. */
export interface JobTaskListRequest {
  domainId: string;
  scope: QueryScope;
  sort: ListSortKey[];
  /** null unless `page.limit > 0` */
  page: PageRequest | null;
  /** the fields to return, in order; null = all public fields */
  only: string[] | null;
  countOnly: boolean;
  /** the answer moves with the clock (a `timediff_*` condition), so it is never cached */
  dependsOnClock: boolean;
}

export interface ListLimits {
  /** largest accepted `page.limit` (default 1000) */
  maxLimit: number;
  /** most results an unpaged request may return (default 10,000); beyond it → 400 */
  maxUnpagedResults: number;
}

export const DEFAULT_LIST_LIMITS: ListLimits = { maxLimit: 1000, maxUnpagedResults: 10_000 };

export const DEFAULT_SORT: readonly ListSortKey[] = [{ key: 'created_at', desc: true }];

/** The unique key within a domain that ends every sort, so pages and cursors are stable. */
export const TIE_BREAK_KEY = 'job_task_id';

/** The sort actually applied: the requested keys, then job_task_id ascending unless already there. */
export function effectiveSort(sort: readonly ListSortKey[]): ListSortKey[] {
  const keys = sort.length > 0 ? [...sort] : [...DEFAULT_SORT];
  return keys.some((k) => k.key === TIE_BREAK_KEY)
    ? keys
    : [...keys, { key: TIE_BREAK_KEY, desc: false }];
}
