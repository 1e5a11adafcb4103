import { readPath, type Row, type RowValue } from './row-value';
import { tooManyGroups } from '../stat.errors';
import { compareValues, valueKey } from './value-order';

/** Distinct values from documents (MongoDB `distinct` flattens list fields and drops nulls). */
export function distinctFromRows(rows: Row[], field: string, maxValues: number): RowValue[] {
  const seen = new Map<string, RowValue>();
  for (const row of rows) {
    const v = readPath(row, field);
    for (const item of Array.isArray(v) ? v : [v]) {
      if (item !== null) seen.set(valueKey(item), item);
    }
    if (seen.size > maxValues) throw tooManyGroups(maxValues, 'distinct values');
  }
  return [...seen.values()];
}

export function orderDistinct(values: RowValue[], desc: boolean, limit: number | null): RowValue[] {
  const sorted = [...values].sort(compareValues);
  if (desc) sorted.reverse();
  return limit === null ? sorted : sorted.slice(0, limit);
}
