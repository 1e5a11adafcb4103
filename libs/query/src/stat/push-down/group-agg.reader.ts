import type { JsonObject } from '../../search-port';
import { applyDateFormat } from '../date-format';
import { asArray, asNumber, asObject, docCount, fromEs, indexedKind } from './es-json';
import { ExactSum } from '../in-memory/exact-sum';
import { sortedSet } from '../in-memory/group.accumulators';
import { fieldAggName, keySourceName } from './group-agg.request';
import type { GroupStage } from '../plan/plan.selector';
import { docToRow, type Row, type RowValue, readPath } from '../in-memory/row-value';
import { orderGroupRows } from '../in-memory/row-pipeline.engine';
import { ScanRequired } from '../plan/scan-required';
import { tooManyGroups } from '../stat.errors';
import type { GroupField } from '../stat.types';
import { compareTuples, tupleKey, valueKey } from '../in-memory/value-order';

/**
 * A group field as read from one bucket, in a form that merges: several buckets map to one group when
 * a date_format drops a unit (`%m` groups every January together), so partial results are combined
 * before they are finalised.
 */
type Part =
  | { op: 'count'; n: number }
  | { op: 'sum'; sums: number[]; n: number; average: boolean }
  | { op: 'extreme'; v: RowValue; sign: 1 | -1 }
  | { op: 'set'; values: Map<string, RowValue>; asSize: boolean }
  | { op: 'pick'; v: RowValue; order: RowValue[]; sign: 1 | -1 };

export interface PartialGroup {
  keyValues: RowValue[];
  parts: Part[];
}

function extremeOf(f: GroupField & { key: string }, agg: JsonObject): RowValue {
  const kind = indexedKind(f.key);
  if (kind.t === 'string') return fromEs(asObject(asArray(agg.buckets)[0]).key, kind);
  return fromEs(asNumber(agg.value), kind);
}

function readPart(f: GroupField, bucket: JsonObject, i: number): Part {
  const agg = asObject(bucket[fieldAggName(i)]);
  switch (f.operator) {
    case 'count':
      return { op: 'count', n: docCount(f.conditions.length === 0 ? bucket : agg) };
    case 'sum':
    case 'average':
      return {
        op: 'sum',
        sums: [asNumber(asObject(agg.s).value) ?? 0],
        n: asNumber(asObject(agg.n).value) ?? 0,
        average: f.operator === 'average',
      };
    case 'min':
    case 'max':
      return { op: 'extreme', v: extremeOf(f, agg), sign: f.operator === 'max' ? 1 : -1 };
    case 'size':
    case 'add_to_set': {
      if ((asNumber(agg.sum_other_doc_count) ?? 0) > 0) {
        throw new ScanRequired(
          `more distinct values of ${f.key} in a group than one request holds`,
        );
      }
      const kind = indexedKind(f.key);
      const values = new Map<string, RowValue>();
      for (const b of asArray(agg.buckets)) {
        const v = fromEs(asObject(b).key, kind);
        if (v !== null) values.set(valueKey(v), v);
      }
      return { op: 'set', values, asSize: f.operator === 'size' };
    }
    case 'first':
    case 'last': {
      const hit = asObject(asArray(asObject(agg.hits).hits)[0]);
      const row = docToRow(asObject(hit._source));
      return {
        op: 'pick',
        v: readPath(row, f.key),
        order: [row.created_at ?? null, row.job_task_id ?? null],
        sign: f.operator === 'first' ? -1 : 1,
      };
    }
    case 'merge_objects':
    case 'push':
      throw new Error(`${f.operator} is never read from an aggregation`);
    default: {
      const unreachable: never = f;
      return unreachable;
    }
  }
}

function mergePart(a: Part, b: Part): Part {
  if (a.op === 'count' && b.op === 'count') return { op: 'count', n: a.n + b.n };
  if (a.op === 'sum' && b.op === 'sum') return { ...a, sums: [...a.sums, ...b.sums], n: a.n + b.n };
  if (a.op === 'set' && b.op === 'set')
    return { ...a, values: new Map([...a.values, ...b.values]) };
  if (a.op === 'extreme' && b.op === 'extreme') {
    if (a.v === null) return b;
    if (b.v === null) return a;
    return a.sign * compareTuples([b.v], [a.v]) > 0 ? b : a;
  }
  if (a.op === 'pick' && b.op === 'pick')
    return a.sign * compareTuples(b.order, a.order) > 0 ? b : a;
  throw new Error(`cannot merge ${a.op} with ${b.op}`);
}

function finalize(p: Part): RowValue {
  switch (p.op) {
    case 'count':
      return p.n;
    case 'sum': {
      const total = new ExactSum();
      p.sums.forEach((s) => total.add(s));
      if (!p.average) return total.value();
      return p.n === 0 ? null : total.value() / p.n;
    }
    case 'extreme':
    case 'pick':
      return p.v;
    case 'set':
      return p.asSize ? p.values.size : sortedSet(p.values.values());
    default: {
      const unreachable: never = p;
      return unreachable;
    }
  }
}

export function readBucket(g: GroupStage, bucket: JsonObject): PartialGroup {
  const key = asObject(bucket.key);
  const keyValues = g.keys.map((k, i) => {
    const raw = key[keySourceName(i)];
    if (k.dateFormat === null) return fromEs(raw, indexedKind(k.key));
    const ms = asNumber(raw);
    return applyDateFormat(k.dateFormat, ms === null ? null : new Date(ms));
  });
  return { keyValues, parts: g.fields.map((f, i) => readPart(f, bucket, i)) };
}

/** Merges buckets into groups, orders them like the in-API engine and finalises each field. */
export function groupRows(g: GroupStage, buckets: JsonObject[], maxGroups: number): Row[] {
  const groups = new Map<string, PartialGroup>();
  for (const bucket of buckets) {
    if (docCount(bucket) === 0) continue;
    const partial = readBucket(g, bucket);
    const id = tupleKey(partial.keyValues);
    const seen = groups.get(id);
    if (seen === undefined && groups.size >= maxGroups) throw tooManyGroups(maxGroups);
    groups.set(
      id,
      seen === undefined
        ? partial
        : {
            keyValues: seen.keyValues,
            parts: seen.parts.map((p, i) => mergePart(p, partial.parts[i] ?? p)),
          },
    );
  }
  return orderGroupRows([...groups.values()]).map((pg) => {
    const row: Row = {};
    g.keys.forEach((k, i) => (row[k.name] = pg.keyValues[i] ?? null));
    g.fields.forEach((f, i) => {
      const part = pg.parts[i];
      row[f.name] = part === undefined ? null : finalize(part);
    });
    return row;
  });
}
