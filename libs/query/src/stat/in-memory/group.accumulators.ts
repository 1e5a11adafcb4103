import { conditionsHold } from './condition.eval';
import { ExactSum } from './exact-sum';
import { isRowObject, type Row, type RowObject, type RowValue, readPath } from './row-value';
import type { GroupField } from '../stat.types';
import { compareValues, valueKey } from './value-order';

/** One group field folded over the group's rows, which arrive in stream order. */
export interface Accumulator {
  add(row: Row): void;
  result(): RowValue;
}

/** add_to_set has no defined order in MongoDB; we return members ascending (documented). */
export function sortedSet(values: Iterable<RowValue>): RowValue[] {
  return [...values].sort(compareValues);
}

function extreme(key: string, sign: 1 | -1): Accumulator {
  let best: RowValue = null;
  return {
    add(row) {
      const v = readPath(row, key);
      if (v !== null && (best === null || sign * compareValues(v, best) > 0)) best = v;
    },
    result: () => best,
  };
}

function distinctValues(key: string, asSize: boolean): Accumulator {
  const seen = new Map<string, RowValue>();
  return {
    add(row) {
      const v = readPath(row, key);
      if (v !== null) seen.set(valueKey(v), v);
    },
    result: () => (asSize ? seen.size : sortedSet(seen.values())),
  };
}

function numeric(field: GroupField & { operator: 'sum' | 'average' }): Accumulator {
  const sum = new ExactSum();
  let n = 0;
  return {
    add(row) {
      if (!conditionsHold(row, field.conditions)) return;
      const v = readPath(row, field.key);
      if (typeof v !== 'number') return;
      sum.add(v);
      n++;
    },
    result: () => (field.operator === 'sum' ? sum.value() : n === 0 ? null : sum.value() / n),
  };
}

export function makeAccumulator(field: GroupField): Accumulator {
  switch (field.operator) {
    case 'count': {
      let n = 0;
      return { add: (row) => void (conditionsHold(row, field.conditions) && n++), result: () => n };
    }
    case 'sum':
    case 'average':
      return numeric(field);
    case 'min':
      return extreme(field.key, -1);
    case 'max':
      return extreme(field.key, 1);
    case 'first': {
      let value: RowValue | undefined;
      return {
        add: (row) => void (value === undefined && (value = readPath(row, field.key))),
        result: () => value ?? null,
      };
    }
    case 'last': {
      let value: RowValue = null;
      return { add: (row) => void (value = readPath(row, field.key)), result: () => value };
    }
    case 'size':
    case 'add_to_set':
      return distinctValues(field.key, field.operator === 'size');
    case 'merge_objects': {
      const merged: RowObject = {};
      return {
        add(row) {
          const v = readPath(row, field.key);
          if (isRowObject(v)) Object.assign(merged, v);
        },
        result: () => merged,
      };
    }
    case 'push': {
      const items: RowValue[] = [];
      const { key, fields } = field;
      return {
        add(row) {
          if (key !== null) items.push(readPath(row, key));
          else items.push(Object.fromEntries(fields.map((f) => [f.name, readPath(row, f.key)])));
        },
        result: () => items,
      };
    }
    default: {
      const unreachable: never = field;
      return unreachable;
    }
  }
}
