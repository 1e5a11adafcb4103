import { distinctFromRows, orderDistinct } from './distinct.rows';
import { runStages } from './row-pipeline.engine';
import type { Row, RowValue } from './row-value';
import type { StatBody, StatPage, StatResult } from '../stat.types';
import { compareValues } from './value-order';

function streamOrder(a: Row, b: Row): number {
  return (
    compareValues(a.created_at ?? null, b.created_at ?? null) ||
    compareValues(a.job_task_id ?? null, b.job_task_id ?? null)
  );
}

/** The whole request over rows already in scope: the scan path, and what the API falls back to. */
export function runBodyOverRows(rows: Row[], body: StatBody, maxGroups: number): RowValue[] {
  const stream = [...rows].sort(streamOrder);
  if (body.kind === 'distinct') {
    return orderDistinct(distinctFromRows(stream, body.field, maxGroups), body.desc, body.limit);
  }
  return runStages(stream, body.stages, maxGroups);
}

export function pageResults(results: unknown[], page: StatPage | null): StatResult {
  if (page === null) return { results };
  const from = page.start - 1;
  return { results: results.slice(from, from + page.limit), total_count: results.length };
}
