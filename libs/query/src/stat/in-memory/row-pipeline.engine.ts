import { applyDateFormat } from '../date-format';
import { type Accumulator, makeAccumulator } from './group.accumulators';
import { type Row, type RowValue, readPath } from './row-value';
import { tooManyGroups } from '../stat.errors';
import type { GroupKey, Stage } from '../stat.types';
import { compareTuples, compareValues, tupleKey } from './value-order';

/**
 * The in-API pipeline engine: runs stages over rows that are already bounded (group rows that came
 * back from Elasticsearch, or the documents the scan path read). Rows enter in stream order.
 */
export function groupKeyValue(row: Row, k: GroupKey): RowValue {
  const v = readPath(row, k.key);
  if (k.dateFormat === null) return v;
  return applyDateFormat(k.dateFormat, v instanceof Date ? v : null);
}

/** Group output order (MongoDB leaves it undefined): ascending by the key tuple, nulls first. */
export function orderGroupRows<T extends { keyValues: RowValue[] }>(groups: T[]): T[] {
  return groups.sort((a, b) => compareTuples(a.keyValues, b.keyValues));
}

function group(rows: Row[], stage: Stage & { stage: 'group' }, maxGroups: number): Row[] {
  const groups = new Map<string, { keyValues: RowValue[]; accumulators: Accumulator[] }>();
  for (const row of rows) {
    const keyValues = stage.keys.map((k) => groupKeyValue(row, k));
    const id = tupleKey(keyValues);
    let g = groups.get(id);
    if (g === undefined) {
      if (groups.size >= maxGroups) throw tooManyGroups(maxGroups);
      g = { keyValues, accumulators: stage.fields.map(makeAccumulator) };
      groups.set(id, g);
    }
    for (const a of g.accumulators) a.add(row);
  }
  return orderGroupRows([...groups.values()]).map((g) => {
    const out: Row = {};
    stage.keys.forEach((k, i) => (out[k.name] = g.keyValues[i] ?? null));
    stage.fields.forEach((f, i) => (out[f.name] = g.accumulators[i]?.result() ?? null));
    return out;
  });
}

function sort(rows: Row[], stage: Stage & { stage: 'sort' }): Row[] {
  // Array.prototype.sort is stable, so ties keep their incoming order (documented behaviour).
  return [...rows].sort((a, b) => {
    for (const k of stage.keys) {
      const c = compareValues(readPath(a, k.key), readPath(b, k.key));
      if (c !== 0) return k.desc ? -c : c;
    }
    return 0;
  });
}

function project(rows: Row[], stage: Stage & { stage: 'project' }, keyNames: string[]): Row[] {
  const kept = stage.excludeKeys ? [] : keyNames;
  return rows.map((row) => {
    const out: Row = {};
    for (const k of kept) out[k] = row[k] ?? null;
    for (const f of stage.fields) {
      const v = readPath(row, f.key);
      out[f.name] = f.operator === 'size' ? (Array.isArray(v) ? v.length : 0) : v;
    }
    return out;
  });
}

/** Names of the current group keys after each stage, as project's `exclude_keys` needs them. */
export function keyNamesAfter(stage: Stage, before: string[]): string[] {
  switch (stage.stage) {
    case 'group':
      return stage.keys.map((k) => k.name);
    case 'count':
      return [];
    case 'project':
      return stage.excludeKeys ? [] : before;
    case 'unwind':
    case 'sort':
    case 'limit':
    case 'skip':
      return before;
    default: {
      const unreachable: never = stage;
      return unreachable;
    }
  }
}

export function runStages(
  input: Row[],
  stages: readonly Stage[],
  maxGroups: number,
  initialKeyNames: string[] = [],
): Row[] {
  let rows = input;
  let keyNames = initialKeyNames;
  for (const stage of stages) {
    switch (stage.stage) {
      case 'unwind':
        rows = rows.flatMap((row) => {
          const v = row[stage.path];
          return Array.isArray(v) ? v.map((item) => ({ ...row, [stage.path]: item })) : [];
        });
        break;
      case 'group':
        rows = group(rows, stage, maxGroups);
        break;
      case 'count':
        rows = rows.length === 0 ? [] : [{ [stage.name]: rows.length }];
        break;
      case 'sort':
        rows = sort(rows, stage);
        break;
      case 'project':
        rows = project(rows, stage, keyNames);
        break;
      case 'limit':
        rows = rows.slice(0, stage.count);
        break;
      case 'skip':
        rows = rows.slice(stage.count);
        break;
      default: {
        const unreachable: never = stage;
        return unreachable;
      }
    }
    keyNames = keyNamesAfter(stage, keyNames);
  }
  return rows;
}
