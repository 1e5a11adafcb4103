import { JOB_TASK_FIELDS } from '../../fields';

/**
 * Rows flowing between stages. Dates stay `Date` until rendering so that they keep their own type:
 * they sort as dates, `sum` ignores them, and `date_format` can still apply after a group.
 */
export type RowValue = null | boolean | number | string | Date | RowValue[] | RowObject;
export interface RowObject {
  [key: string]: RowValue;
}
export type Row = RowObject;

const DATE_FIELDS = JOB_TASK_FIELDS.filter((f) => f.kind === 'date').map((f) => f.key);
const SCALAR_FIELDS = JOB_TASK_FIELDS.filter(
  (f) => f.kind === 'keyword' || f.kind === 'integer',
).map((f) => f.key);

function toRowValue(value: unknown): RowValue {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(toRowValue);
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toRowValue(v)]));
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  return null;
}

function toDate(value: unknown): Date | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** A stored JobTask `_source` as the first stage sees it: every public field present, unset = null. */
export function docToRow(source: Record<string, unknown>): Row {
  const row: Row = {};
  for (const f of SCALAR_FIELDS) row[f] = toRowValue(source[f]);
  for (const f of DATE_FIELDS) row[f] = toDate(source[f]);
  const errors = Array.isArray(source.errors) ? (source.errors as unknown[]) : [];
  row.errors = errors.map((e) => {
    const err = (e ?? {}) as Record<string, unknown>;
    return {
      error_code: toRowValue(err.error_code),
      message: toRowValue(err.message),
      additional: toRowValue(err.additional ?? {}),
    };
  });
  return row;
}

export function isRowObject(v: RowValue | undefined): v is RowObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

/**
 * MongoDB field-path semantics: a path reaches through arrays (`errors.error_code` on a task is the
 * list of its codes; elements without the field are skipped). `undefined` means missing.
 */
export function getPath(
  value: RowValue | undefined,
  path: readonly string[],
): RowValue | undefined {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const out: RowValue[] = [];
    for (const item of value) {
      if (!isRowObject(item) && !Array.isArray(item)) continue;
      const v = getPath(item, path);
      if (v !== undefined) out.push(v);
    }
    return out;
  }
  if (!isRowObject(value) || head === undefined || !Object.hasOwn(value, head)) return undefined;
  return getPath(value[head], rest);
}

/** Missing reads as null: the read model has no "missing", and the API renders unset as null. */
export function readPath(row: Row, path: string): RowValue {
  return getPath(row, path.split('.')) ?? null;
}

/** JSON for the response: dates as ISO strings ending in Z. */
export function renderValue(value: RowValue): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(renderValue);
  if (isRowObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderValue(v)]));
  }
  return value;
}
