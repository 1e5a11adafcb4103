import fc from 'fast-check';
import { groupStage, type GenStage } from './stat-arbitraries.group';
import { DOC_SCHEMA, type GenSchema, isScalar, pick } from './stat-arbitraries.schema';

export { statDocsArbitrary } from './stat-arbitraries.docs';

/**
 * Random JobTaskStatQuery bodies, valid by construction: Format A, Format B (every stage and group
 * operator, typed conditions, date formats) and distinct, in varying proto3-JSON spellings. A
 * generator tracks the columns each stage leaves so every key it names exists with a usable type.
 */
type Raw = Record<string, unknown>;

function otherStage(schema: GenSchema, i: number): fc.Arbitrary<GenStage>[] {
  const out: fc.Arbitrary<GenStage>[] = [
    fc.constant({
      raw: { count: { name: `c${i}` } },
      next: { columns: { [`c${i}`]: { t: 'number' } }, keys: [] },
    }),
    fc.integer({ min: 1, max: 4 }).map((n) => ({ raw: { limit: n }, next: schema })),
    fc.integer({ min: 0, max: 3 }).map((n) => ({ raw: { skip: n }, next: schema })),
  ];
  const sortable = pick(schema, isScalar);
  if (sortable.length > 0) {
    const key = fc.record({
      key: fc.constantFrom(...sortable.map((p) => p.path)),
      desc: fc.boolean(),
    });
    out.push(
      fc
        .oneof(
          key.map((k) => ({ sort: k })),
          fc.array(key, { minLength: 1, maxLength: 2 }).map((keys) => ({ sort: { keys } })),
        )
        .map((raw) => ({ raw, next: schema })),
    );
  }
  const top = Object.entries(schema.columns).filter(([name]) => !schema.keys.includes(name));
  if (top.length > 0) {
    out.push(
      fc
        .tuple(
          fc.uniqueArray(fc.constantFrom(...top), {
            minLength: 1,
            maxLength: 2,
            selector: ([n]) => n,
          }),
          fc.boolean(),
        )
        .map(([cols, exclude]) => {
          const fields = cols.map(([name, kind], j) =>
            kind.t === 'array' && j === 0
              ? { key: name, name: `p${i}_${j}`, operator: 'size' }
              : { key: name, name: `p${i}_${j}` },
          );
          const columns: GenSchema['columns'] = {};
          if (!exclude)
            for (const k of schema.keys) columns[k] = schema.columns[k] ?? { t: 'string' };
          fields.forEach(
            (f, j) =>
              (columns[f.name] = f.operator ? { t: 'number' } : (cols[j]?.[1] ?? { t: 'string' })),
          );
          return {
            raw: { project: { fields, exclude_keys: exclude } },
            next: { columns, keys: exclude ? [] : schema.keys },
          };
        }),
    );
  }
  const lists = Object.entries(schema.columns).filter(([, k]) => k.t === 'array');
  if (lists.length > 0) {
    out.push(
      fc.constantFrom(...lists).map(([path, kind]) => ({
        raw: { unwind: { path } },
        next: {
          ...schema,
          columns: { ...schema.columns, [path]: kind.t === 'array' ? kind.of : kind },
        },
      })),
    );
  }
  return out;
}

function stages(schema: GenSchema, i: number, left: number): fc.Arbitrary<Raw[]> {
  if (left === 0) return fc.constant([]);
  const choices = [
    groupStage(schema, `g${i}`),
    groupStage(schema, `g${i}`),
    ...otherStage(schema, i),
  ];
  return fc
    .oneof(...choices)
    .chain((s) => stages(s.next, i + 1, left - 1).map((rest) => [s.raw, ...rest]));
}

const page = fc.option(
  fc.record({ start: fc.integer({ min: -1, max: 4 }), limit: fc.integer({ min: 0, max: 4 }) }),
  { nil: undefined },
);

const formatB: fc.Arbitrary<Raw> = fc
  .tuple(fc.integer({ min: 1, max: 4 }), page)
  .chain(([n, p]) =>
    stages(DOC_SCHEMA, 0, n).map((aggregate) => ({ aggregate, ...(p ? { page: p } : {}) })),
  );

const UNWOUND_ERRORS: GenSchema = {
  columns: {
    errors: { t: 'object', fields: { error_code: { t: 'string' }, message: { t: 'string' } } },
  },
  keys: [],
};

/** Format B whose first group is one the API runs as an aggregation (plain or after unwind). */
const formatBPushdown: fc.Arbitrary<Raw> = fc
  .tuple(fc.boolean(), fc.integer({ min: 0, max: 2 }), page)
  .chain(([nested, n, p]) =>
    groupStage(nested ? UNWOUND_ERRORS : DOC_SCHEMA, 'g', nested ? 'nested' : 'plain').chain((g) =>
      stages(g.next, 1, n).map((rest) => ({
        aggregate: [...(nested ? [{ unwind: { path: 'errors' } }] : []), g.raw, ...rest],
        ...(p ? { page: p } : {}),
      })),
    ),
  );

const formatA: fc.Arbitrary<Raw> = fc.boolean().chain((unwind) => {
  const schema: GenSchema = unwind
    ? {
        ...DOC_SCHEMA,
        columns: {
          ...DOC_SCHEMA.columns,
          errors: {
            t: 'object',
            fields: {
              error_code: { t: 'string' },
              message: { t: 'string' },
              additional: { t: 'object' },
            },
          },
        },
      }
    : DOC_SCHEMA;
  const group = fc.option(groupStage(schema, 'a'), { nil: undefined });
  return fc
    .tuple(group, fc.boolean(), fc.boolean(), fc.integer({ min: 0, max: 3 }), page)
    .map(([g, count, sort, limit, p]) => {
      const useCount = count || g === undefined;
      const columns = useCount ? { n: 0 } : (g?.next.columns ?? {});
      const sortable = Object.keys(columns).filter(
        (c) => useCount || isScalar(g?.next.columns[c] ?? { t: 'object' }),
      );
      const aggregate: Raw = {
        ...(unwind ? { unwind: [{ path: 'errors' }] } : {}),
        ...(g ? { group: g.raw.group } : {}),
        ...(useCount ? { count: { name: 'n' } } : {}),
      };
      return {
        aggregate,
        ...(sort && sortable.length > 0
          ? { sort: { name: sortable[0], desc: limit % 2 === 1 } }
          : {}),
        ...(limit > 0 ? { limit } : p ? { page: p } : {}),
      };
    });
});

const DISTINCT_FIELDS = [
  'status',
  'provider',
  'job_id',
  'success_count',
  'created_at',
  'finished_at',
  'errors.error_code',
  'errors.message',
];
const distinct: fc.Arbitrary<Raw> = fc
  .tuple(fc.constantFrom(...DISTINCT_FIELDS), page, fc.boolean())
  .map(([field, p, desc]) => ({
    distinct: field,
    ...(p ? { page: p } : desc ? { sort: { desc } } : {}),
  }));

/** Renames to k/n/o and lowerCamelCase throughout, as a proto3-JSON client may send them. */
function respell(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(respell);
  if (value === null || typeof value !== 'object') return value;
  const alias: Record<string, string> = {
    key: 'k',
    name: 'n',
    operator: 'o',
    value: 'v',
    date_format: 'dateFormat',
    exclude_keys: 'excludeKeys',
  };
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [alias[k] ?? k, respell(v)]));
}

/** Raw `{domain_id, query}` bodies for `parseStatRequest`; `scope` adds filter conditions. */
export function statRequestArbitrary(
  options: { scope?: fc.Arbitrary<Raw> } = {},
): fc.Arbitrary<Raw> {
  const scope = options.scope ?? fc.constant({});
  return fc
    .tuple(
      fc.oneof(
        { weight: 3, arbitrary: formatB },
        { weight: 2, arbitrary: formatBPushdown },
        { weight: 2, arbitrary: formatA },
        { weight: 1, arbitrary: distinct },
      ),
      scope,
      fc.boolean(),
    )
    .map(([query, extra, camel]) => ({
      domain_id: 'domain-1',
      query: { ...extra, ...(camel ? (respell(query) as Raw) : query) },
    }));
}
