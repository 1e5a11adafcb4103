import type { FieldCondition, GroupField } from '@app/query';
import {
  bsonCompare,
  canonical,
  exactSum,
  fieldPath,
  isDoc,
  type MDoc,
  type MValue,
} from './stat-evaluator.values';

/** Resolves a key as SpaceONE rewrote it: a name of the current group keys lives under `_id`. */
export type Resolve = (doc: MDoc, key: string) => MValue | undefined;

/** `{$and: [{$<op>: ["$key", value]}, ...]}` evaluated as an aggregation expression. */
function condTrue(doc: MDoc, conditions: readonly FieldCondition[], resolve: Resolve): boolean {
  return conditions.every((c) => {
    const cmp = bsonCompare(resolve(doc, c.key), c.value);
    switch (c.operator) {
      case 'eq':
        return cmp === 0;
      case 'not':
        return cmp !== 0;
      case 'gt':
        return cmp > 0;
      case 'gte':
        return cmp >= 0;
      case 'lt':
        return cmp < 0;
      case 'lte':
        return cmp <= 0;
    }
  });
}

const orNull = (v: MValue | undefined): MValue => (v === undefined ? null : v);

/** One `$group` accumulator applied to the group's documents in the order they arrived. */
export function accumulate(field: GroupField, docs: readonly MDoc[], resolve: Resolve): MValue {
  const values = (key: string): (MValue | undefined)[] => docs.map((d) => resolve(d, key));
  switch (field.operator) {
    case 'count':
      // {$sum: {$cond: [cond, 1, 0]}}
      return docs.filter((d) => condTrue(d, field.conditions, resolve)).length;
    case 'sum': {
      // {$sum: {$cond: [cond, "$key", 0]}}: non-numbers are ignored
      const picked = docs.filter((d) => condTrue(d, field.conditions, resolve));
      return exactSum(
        picked.map((d) => resolve(d, field.key)).filter((v): v is number => typeof v === 'number'),
      );
    }
    case 'average': {
      // {$avg: {$cond: [cond, "$key", null]}}: only matching numeric values count
      const picked = docs.filter((d) => condTrue(d, field.conditions, resolve));
      const nums = picked
        .map((d) => resolve(d, field.key))
        .filter((v): v is number => typeof v === 'number');
      return nums.length === 0 ? null : exactSum(nums) / nums.length;
    }
    case 'min':
    case 'max': {
      const present = values(field.key).filter((v): v is MValue => v !== undefined && v !== null);
      if (present.length === 0) return null;
      const sign = field.operator === 'max' ? 1 : -1;
      return present.reduce((best, v) => (sign * bsonCompare(v, best) > 0 ? v : best));
    }
    case 'first':
      return docs.length === 0 ? null : orNull(resolve(docs[0] as MDoc, field.key));
    case 'last':
      return docs.length === 0 ? null : orNull(resolve(docs[docs.length - 1] as MDoc, field.key));
    case 'add_to_set':
    case 'size': {
      const set = new Map<string, MValue>();
      for (const v of values(field.key))
        if (v !== undefined && v !== null) set.set(canonical(v), v);
      if (field.operator === 'size') return set.size;
      return [...set.values()].sort(bsonCompare);
    }
    case 'merge_objects': {
      const out: MDoc = {};
      for (const v of values(field.key)) if (isDoc(v)) Object.assign(out, v);
      return out;
    }
    case 'push':
      return docs.map((d): MValue => {
        if (field.key !== null) return orNull(resolve(d, field.key));
        return Object.fromEntries(field.fields.map((f) => [f.name, orNull(resolve(d, f.key))]));
      });
  }
}

export function resolverFor(groupKeys: readonly string[]): Resolve {
  return (doc, key) => fieldPath(doc, groupKeys.includes(key) ? `_id.${key}` : key);
}
