import type { RowValue } from './row-value';

/**
 * Total order used for group output, sort stages and set members: MongoDB's BSON order between types
 * (null < numbers < strings < objects < arrays < booleans < dates) and, within strings, code-point
 * order, which is also Elasticsearch's keyword (UTF-8 byte) order. JavaScript's `<` compares UTF-16
 * code units instead, which disagrees once astral characters are involved.
 */
function typeRank(v: RowValue): number {
  if (v === null) return 0;
  if (typeof v === 'number') return 1;
  if (typeof v === 'string') return 2;
  if (v instanceof Date) return 6;
  if (Array.isArray(v)) return 4;
  if (typeof v === 'boolean') return 5;
  return 3;
}

// Surrogates (astral code points) must sort above U+E000..U+FFFF.
const fixUnit = (u: number): number => (u >= 0xd800 ? (u <= 0xdfff ? u + 0x2000 : u - 0x800) : u);

export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return fixUnit(x) - fixUnit(y);
  }
  return a.length - b.length;
}

export function compareValues(a: RowValue, b: RowValue): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b);
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  // Objects and arrays never reach here through a validated pipeline; keep the order total anyway.
  return compareCodePoints(valueKey(a), valueKey(b));
}

export function compareTuples(a: readonly RowValue[], b: readonly RowValue[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compareValues(a[i] ?? null, b[i] ?? null);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/** Identity for grouping and de-duplication: equal values (1 and 1.0; same instant) share a key. */
export function valueKey(v: RowValue): string {
  if (v === null) return 'z';
  if (typeof v === 'number') return `n${Object.is(v, -0) ? 0 : v}`;
  if (typeof v === 'string') return `s${v}`;
  if (typeof v === 'boolean') return `b${v}`;
  if (v instanceof Date) return `d${v.getTime()}`;
  if (Array.isArray(v)) return `a[${v.map(valueKey).join(',')}]`;
  return `o{${Object.entries(v)
    .map(([k, x]) => `${JSON.stringify(k)}:${valueKey(x)}`)
    .join(',')}}`;
}

export function tupleKey(values: readonly RowValue[]): string {
  return JSON.stringify(values.map(valueKey));
}
