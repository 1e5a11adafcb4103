import fc from 'fast-check';
import { STAT_DATES, STAT_STRINGS } from './stat-arbitraries.docs';

/** The generator's own model of what each stage sees, so every generated request is valid. */
export type GenKind =
  | { t: 'string' }
  | { t: 'number' }
  | { t: 'date' }
  | { t: 'object'; fields?: Record<string, GenKind> }
  | { t: 'array'; of: GenKind };

export interface GenSchema {
  columns: Record<string, GenKind>;
  keys: string[];
}

const S: GenKind = { t: 'string' };
const N: GenKind = { t: 'number' };
const D: GenKind = { t: 'date' };
const ERROR: GenKind = {
  t: 'object',
  fields: { error_code: S, message: S, additional: { t: 'object' } },
};

export const DOC_SCHEMA: GenSchema = {
  columns: {
    job_task_id: S,
    status: S,
    job_id: S,
    provider: S,
    project_id: S,
    success_count: N,
    failure_count: N,
    created_at: D,
    started_at: D,
    finished_at: D,
    errors: { t: 'array', of: ERROR },
  },
  keys: [],
};

export interface GenPath {
  path: string;
  kind: GenKind;
}

/** Every path a key may name: columns, and one level into known objects (through lists). */
export function paths(schema: GenSchema): GenPath[] {
  const out: GenPath[] = [];
  for (const [name, kind] of Object.entries(schema.columns)) {
    out.push({ path: name, kind });
    const inner = kind.t === 'array' ? kind.of : kind;
    if (inner.t === 'object' && inner.fields) {
      for (const [f, k] of Object.entries(inner.fields)) {
        out.push({ path: `${name}.${f}`, kind: kind.t === 'array' ? { t: 'array', of: k } : k });
      }
    }
  }
  return out;
}

export const isScalar = (k: GenKind): boolean =>
  k.t === 'string' || k.t === 'number' || k.t === 'date';

export function pick(schema: GenSchema, ok: (k: GenKind) => boolean): GenPath[] {
  return paths(schema).filter((p) => ok(p.kind));
}

/** A condition value typed to its key (dates as ISO strings, sometimes date-only). */
export function conditionValue(kind: GenKind): fc.Arbitrary<string | number> {
  if (kind.t === 'number') {
    // past int32 too: the counts are int32 in the index, and such a bound must be decided, not sent
    return fc.oneof(
      { arbitrary: fc.integer({ min: -1, max: 7 }), weight: 4 },
      { arbitrary: fc.constant(2.5), weight: 3 },
      { arbitrary: fc.constantFrom(3e9, -3e9), weight: 1 },
    );
  }
  if (kind.t === 'date')
    return fc.constantFrom(...STAT_DATES, '2026-01-01', '2026-01-01T10:30:00Z');
  return fc.constantFrom(...STAT_STRINGS, 'SUCCESS', 'FAILURE', 'job-a', 'E1', 'm2', 'project-2');
}

export const DATE_FORMATS = [
  '%Y-%m-%d',
  '%Y-%m',
  '%Y',
  '%H',
  '%m',
  'day %d',
  '%Y-%m-%dT%H:%M:%S',
  '100%% %M',
  'year',
  'month',
  'day',
];
