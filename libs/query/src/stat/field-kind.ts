import { ERROR_INFO_FIELDS } from '@app/domain';
import { FieldKind, JOB_TASK_FIELDS } from '../fields';

/**
 * The static type of every column a pipeline stage can see. Validation uses it to reject, with a 400,
 * the operations whose MongoDB result depends on BSON cross-type ordering (grouping or sorting by a
 * list or an object, summing strings...), so both engines only ever compare like with like.
 */
export type Kind =
  | { t: 'string' }
  | { t: 'number' }
  | { t: 'date' }
  /** `fields: null` is a free-form object (`errors.additional`, a merge_objects result). */
  | { t: 'object'; fields: Readonly<Record<string, Kind>> | null }
  | { t: 'array'; of: Kind }
  /** Anything: values inside a free-form object. */
  | { t: 'any' };

export type Columns = Readonly<Record<string, Kind>>;

export const STRING: Kind = { t: 'string' };
export const NUMBER: Kind = { t: 'number' };
export const DATE: Kind = { t: 'date' };
export const ANY: Kind = { t: 'any' };
export const FREE_OBJECT: Kind = { t: 'object', fields: null };

export const ERROR_INFO_KIND: Kind = {
  t: 'object',
  fields: Object.fromEntries(
    ERROR_INFO_FIELDS.map((f) => [f.key, f.type === 'keyword' ? STRING : FREE_OBJECT]),
  ),
};

const COLUMN_KIND: Readonly<Record<FieldKind, Kind | null>> = {
  keyword: STRING,
  integer: NUMBER,
  date: DATE,
  errors: { t: 'array', of: ERROR_INFO_KIND },
  // errors.* are reached through the `errors` column
  'error-keyword': null,
  'error-object': null,
};

/** JobTaskInfo as the first stage sees it. */
export const JOB_TASK_COLUMNS: Columns = Object.fromEntries(
  JOB_TASK_FIELDS.flatMap((f) => {
    const kind = COLUMN_KIND[f.kind];
    return kind === null ? [] : [[f.key, kind]];
  }),
);

export function isScalar(kind: Kind): boolean {
  return kind.t === 'string' || kind.t === 'number' || kind.t === 'date';
}

export function describeKind(kind: Kind): string {
  switch (kind.t) {
    case 'string':
    case 'number':
    case 'date':
    case 'any':
      return kind.t;
    case 'object':
      return 'object';
    case 'array':
      return `list of ${describeKind(kind.of)}`;
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}

function step(kind: Kind, segment: string): Kind | null {
  switch (kind.t) {
    case 'object':
      return kind.fields === null ? ANY : (kind.fields[segment] ?? null);
    case 'array': {
      // MongoDB field paths reach through arrays: `errors.error_code` is the list of codes.
      const inner = step(kind.of, segment);
      return inner === null ? null : { t: 'array', of: inner };
    }
    case 'any':
      return ANY;
    case 'string':
    case 'number':
    case 'date':
      return null;
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}

/** The kind of a dotted path, or null when no such field exists. */
export function resolveKind(columns: Columns, path: string): Kind | null {
  const [head, ...rest] = path.split('.');
  let kind: Kind | null =
    head !== undefined && Object.hasOwn(columns, head) ? (columns[head] ?? null) : null;
  for (const segment of rest) {
    if (kind === null) return null;
    kind = step(kind, segment);
  }
  return kind;
}
