import { JobTaskInfo } from '@app/domain';
import { JOB_TASK_INFO_FIELDS, JobTaskListRequest, ListLimits, QueryError } from '@app/query';
import { compareCodePoints } from './reference-text';
import { matchesScope } from './scope-matcher';

// The field list is spec data, shared; the evaluation below is independent of the planners.
const PUBLIC_FIELDS: readonly (keyof JobTaskInfo)[] = JOB_TASK_INFO_FIELDS;

type SortValue = string | number | null;

function sortValue(doc: JobTaskInfo, key: string): SortValue {
  const value = (doc as unknown as Record<string, unknown>)[key] ?? null;
  if (value === null) return null;
  if (key.endsWith('_at')) return Date.parse(value as string);
  return value as string | number;
}

/** Ascending order with null lowest; strings by code point. */
function compareValues(a: SortValue, b: SortValue): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b);
  return (a as number) - (b as number);
}

function comparator(sort: JobTaskListRequest['sort']) {
  const keys = sort.length > 0 ? [...sort] : [{ key: 'created_at', desc: true }];
  if (!keys.some((k) => k.key === 'job_task_id')) keys.push({ key: 'job_task_id', desc: false });
  return (a: JobTaskInfo, b: JobTaskInfo): number => {
    for (const { key, desc } of keys) {
      const c = compareValues(sortValue(a, key), sortValue(b, key));
      if (c !== 0) return desc ? -c : c;
    }
    return 0;
  };
}

function project(doc: JobTaskInfo, only: string[] | null): Record<string, unknown> {
  const record = doc as unknown as Record<string, unknown>;
  const fields: readonly string[] = only ?? PUBLIC_FIELDS;
  return Object.fromEntries(fields.map((field) => [field, record[field] ?? null]));
}

/**
 * The list answer computed straight from api.md over plain documents of ONE domain: filter, sort
 * with the job_task_id tie-break, page by 1-based start, cap unpaged answers, project.
 */
export function evaluateJobTaskList(
  docs: JobTaskInfo[],
  req: JobTaskListRequest,
  limits: ListLimits,
  now: Date,
): { results: Record<string, unknown>[]; total_count: number } {
  const matched = docs.filter((doc) => matchesScope(doc, req.scope, now));
  if (req.countOnly) return { results: [], total_count: matched.length };
  const ordered = [...matched].sort(comparator(req.sort));
  let selected: JobTaskInfo[];
  if (req.page) {
    const from = Math.max(1, req.page.start) - 1;
    selected = ordered.slice(from, from + req.page.limit);
  } else if (matched.length > limits.maxUnpagedResults) {
    throw QueryError.invalid(
      `${matched.length} job tasks match, more than the ${limits.maxUnpagedResults} an unpaged request may return`,
    );
  } else {
    selected = ordered;
  }
  return { results: selected.map((doc) => project(doc, req.only)), total_count: matched.length };
}
