import fc from 'fast-check';
import {
  conditionValue,
  DATE_FORMATS,
  type GenKind,
  type GenPath,
  type GenSchema,
  isScalar,
  pick,
} from './stat-arbitraries.schema';

type Raw = Record<string, unknown>;
export interface GenStage {
  raw: Raw;
  next: GenSchema;
}

const N: GenKind = { t: 'number' };

/**
 * `any` draws from every operator; `plain` and `nested` only from those the API pushes down to
 * Elasticsearch (without and after `unwind errors`), so a differential run exercises aggregations.
 */
export type GroupMode = 'any' | 'plain' | 'nested';

function conditions(schema: GenSchema): fc.Arbitrary<Raw[]> {
  const keys = pick(schema, isScalar);
  if (keys.length === 0) return fc.constant([]);
  const one = fc.constantFrom(...keys).chain((p) =>
    fc.record({
      key: fc.constant(p.path),
      operator: fc.constantFrom('eq', 'not', 'gt', 'gte', 'lt', 'lte'),
      value: conditionValue(p.kind),
    }),
  );
  return fc.array(one, { maxLength: 2 });
}

/** One group field valid over `schema`, and the kind of the column it produces. */
function field(
  schema: GenSchema,
  name: string,
  mode: GroupMode,
): fc.Arbitrary<{ raw: Raw; kind: GenKind }> {
  const choices: fc.Arbitrary<{ raw: Raw; kind: GenKind }>[] = [
    conditions(schema).map((cs) => ({
      raw: { name, operator: 'count', ...(cs.length ? { conditions: cs } : {}) },
      kind: N,
    })),
  ];
  const of = (ok: (k: GenKind) => boolean): GenPath[] => pick(schema, ok);
  const numbers = of((k) => k.t === 'number');
  if (numbers.length > 0) {
    choices.push(
      fc
        .tuple(fc.constantFrom(...numbers), fc.constantFrom('sum', 'average'), conditions(schema))
        .map(([p, operator, cs]) => ({
          raw: { name, operator, key: p.path, ...(cs.length ? { conditions: cs } : {}) },
          kind: N,
        })),
    );
  }
  const scalars = of(isScalar);
  if (scalars.length > 0) {
    choices.push(
      fc
        .tuple(fc.constantFrom(...scalars), fc.constantFrom('min', 'max', 'size', 'add_to_set'))
        .map(([p, operator]) => ({
          raw: { name, operator, key: p.path },
          kind:
            operator === 'size'
              ? N
              : operator === 'add_to_set'
                ? { t: 'array', of: p.kind }
                : p.kind,
        })),
    );
  }
  const any = of(() => true);
  if (mode === 'nested') return fc.oneof(...choices);
  if (mode === 'plain') {
    choices.push(
      fc.tuple(fc.constantFrom(...any), fc.constantFrom('first', 'last')).map(([p, operator]) => ({
        raw: { name, operator, key: p.path },
        kind: p.kind,
      })),
    );
    return fc.oneof(...choices);
  }
  choices.push(
    fc
      .tuple(fc.constantFrom(...any), fc.constantFrom('first', 'last', 'push'))
      .map(([p, operator]) => ({
        raw: { name, operator, key: p.path },
        kind: operator === 'push' ? { t: 'array', of: p.kind } : p.kind,
      })),
    fc
      .uniqueArray(fc.constantFrom(...any), { minLength: 1, maxLength: 2, selector: (p) => p.path })
      .map((ps) => ({
        raw: { name, operator: 'push', fields: ps.map((p, i) => ({ key: p.path, name: `s${i}` })) },
        kind: {
          t: 'array',
          of: { t: 'object', fields: Object.fromEntries(ps.map((p, i) => [`s${i}`, p.kind])) },
        },
      })),
  );
  const objects = of((k) => k.t === 'object');
  if (objects.length > 0) {
    choices.push(
      fc.constantFrom(...objects).map((p) => ({
        raw: { name, operator: 'merge_objects', key: p.path },
        kind: { t: 'object' },
      })),
    );
  }
  return fc.oneof(...choices);
}

function key(schema: GenSchema, name: string): fc.Arbitrary<{ raw: Raw; kind: GenKind }> | null {
  const scalars = pick(schema, isScalar);
  if (scalars.length === 0) return null;
  return fc.constantFrom(...scalars).chain((p): fc.Arbitrary<{ raw: Raw; kind: GenKind }> => {
    if (p.kind.t !== 'date') return fc.constant({ raw: { key: p.path, name }, kind: p.kind });
    return fc.option(fc.constantFrom(...DATE_FORMATS), { nil: undefined }).map((date_format) => ({
      raw: { key: p.path, name, ...(date_format === undefined ? {} : { date_format }) },
      kind:
        date_format === undefined
          ? p.kind
          : ['year', 'month', 'day'].includes(date_format)
            ? N
            : { t: 'string' },
    }));
  });
}

/** A group stage over `schema` with 0-2 keys and 0-3 fields (never both empty). */
export function groupStage(
  schema: GenSchema,
  prefix: string,
  mode: GroupMode = 'any',
): fc.Arbitrary<GenStage> {
  const keyArbs = [0, 1].map((i) => key(schema, `${prefix}k${i}`));
  const fieldArbs = [0, 1, 2].map((i) => field(schema, `${prefix}f${i}`, mode));
  return fc
    .tuple(fc.integer({ min: 0, max: keyArbs[0] === null ? 0 : 2 }), fc.integer({ min: 0, max: 3 }))
    .filter(([k, f]) => k + f > 0)
    .chain(([k, f]) =>
      fc.tuple(
        fc.tuple(...keyArbs.slice(0, k).map((a) => a ?? fc.constant(null))),
        fc.tuple(...fieldArbs.slice(0, f)),
      ),
    )
    .map(([keys, fields]) => {
      const ks = keys.filter((x): x is { raw: Raw; kind: GenKind } => x !== null);
      const columns: Record<string, GenKind> = {};
      for (const x of [...ks, ...fields]) columns[String(x.raw.name)] = x.kind;
      return {
        raw: {
          group: {
            ...(ks.length ? { keys: ks.map((x) => x.raw) } : {}),
            ...(fields.length ? { fields: fields.map((x) => x.raw) } : {}),
          },
        },
        next: { columns, keys: ks.map((x) => String(x.raw.name)) },
      };
    });
}
