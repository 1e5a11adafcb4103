/**
 * Value semantics of the reference evaluator, written from MongoDB's documentation rather than from
 * the API's code: BSON values, field paths, comparison order and exact double sums.
 */
export type MValue = null | boolean | number | string | Date | MValue[] | MDoc;
export interface MDoc {
  [key: string]: MValue;
}

export function isDoc(v: MValue | undefined): v is MDoc {
  return typeof v === 'object' && v !== null && !(v instanceof Date) && !Array.isArray(v);
}

/** `$a.b`: undefined when missing; through an array it collects the elements' values. */
export function fieldPath(v: MValue | undefined, path: string): MValue | undefined {
  let current: MValue | undefined = v;
  const parts = path.split('.');
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    if (Array.isArray(current)) {
      const rest = parts.slice(i).join('.');
      return current.flatMap((el) => {
        if (!isDoc(el) && !Array.isArray(el)) return [];
        const r = fieldPath(el, rest);
        return r === undefined ? [] : [r];
      });
    }
    if (!isDoc(current) || !(part in current)) return undefined;
    current = current[part];
  }
  return current;
}

const BSON_RANK = (v: MValue | undefined): number => {
  if (v === undefined || v === null) return 1;
  if (typeof v === 'number') return 2;
  if (typeof v === 'string') return 3;
  if (isDoc(v)) return 4;
  if (Array.isArray(v)) return 5;
  if (typeof v === 'boolean') return 8;
  return 9;
};

function codePoints(s: string): number[] {
  return Array.from(s, (ch) => ch.codePointAt(0) ?? 0);
}

/** BSON comparison order (missing compares as null), strings by Unicode code point. */
export function bsonCompare(a: MValue | undefined, b: MValue | undefined): number {
  const ra = BSON_RANK(a);
  const rb = BSON_RANK(b);
  if (ra !== rb) return Math.sign(ra - rb);
  if (typeof a === 'number' && typeof b === 'number') return Math.sign(a - b);
  if (typeof a === 'string' && typeof b === 'string') {
    const [x, y] = [codePoints(a), codePoints(b)];
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      if (x[i] !== y[i]) return Math.sign((x[i] ?? 0) - (y[i] ?? 0));
    }
    return Math.sign(x.length - y.length);
  }
  if (a instanceof Date && b instanceof Date) return Math.sign(a.getTime() - b.getTime());
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  return canonical(a ?? null) < canonical(b ?? null)
    ? -1
    : canonical(a ?? null) > canonical(b ?? null)
      ? 1
      : 0;
}

/** A string equal for exactly the values MongoDB treats as equal in $group / $addToSet. */
export function canonical(v: MValue): string {
  if (v instanceof Date) return `D:${v.toISOString()}`;
  if (Array.isArray(v)) return `A:[${v.map(canonical).join('|')}]`;
  if (isDoc(v))
    return `O:{${Object.keys(v)
      .map((k) => `${k}=${canonical(v[k] ?? null)}`)
      .join('|')}}`;
  if (typeof v === 'number') return `N:${v === 0 ? 0 : v}`;
  return `${typeof v}:${String(v)}`;
}

function decompose(x: number): { m: bigint; e: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const sign = hi >>> 31 ? -1n : 1n;
  const exp = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (exp !== 0) m |= 1n << 52n;
  return { m: sign * m, e: (exp === 0 ? 1 : exp) - 1075 };
}

/** The exact sum of doubles, rounded once (half to even): what a correctly rounded $sum gives. */
export function exactSum(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  if (xs.some((x) => !Number.isFinite(x))) return xs.reduce((a, b) => a + b, 0);
  const parts = xs.map(decompose);
  const emin = Math.min(...parts.map((p) => p.e));
  let total = 0n;
  for (const p of parts) total += p.m << BigInt(p.e - emin);
  if (total === 0n) return 0;
  const negative = total < 0n;
  let mag = negative ? -total : total;
  let exp = emin;
  const bits = mag.toString(2).length;
  if (bits > 53) {
    const shift = BigInt(bits - 53);
    const rem = mag & ((1n << shift) - 1n);
    const half = 1n << (shift - 1n);
    mag >>= shift;
    exp += Number(shift);
    if (rem > half || (rem === half && (mag & 1n) === 1n)) mag += 1n;
  }
  const value = Number(mag) * 2 ** exp;
  return negative ? -value : value;
}

/** `$dateToString` with %Y %m %d %H %M %S %% in UTC. */
export function dateToString(format: string, d: Date): string {
  const two = (n: number): string => (n < 10 ? `0${n}` : `${n}`);
  const parts: Record<string, string> = {
    Y: String(d.getUTCFullYear()).padStart(4, '0'),
    m: two(d.getUTCMonth() + 1),
    d: two(d.getUTCDate()),
    H: two(d.getUTCHours()),
    M: two(d.getUTCMinutes()),
    S: two(d.getUTCSeconds()),
    '%': '%',
  };
  return format.replace(/%(.)/g, (_m, c: string) => parts[c] ?? `%${c}`);
}

/** Response JSON: dates as ISO strings. */
export function render(v: MValue): unknown {
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(render);
  if (isDoc(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, render(x)]));
  return v;
}
