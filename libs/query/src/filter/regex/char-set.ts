/** A set of Unicode code points as sorted, disjoint, non-adjacent inclusive ranges. */
export type CodePointRange = readonly [number, number];
export type CharSet = readonly CodePointRange[];

export const MAX_CODE_POINT = 0x10ffff;

export function charSetOf(ranges: Iterable<CodePointRange>): CharSet {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = merged[merged.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else merged.push([lo, hi]);
  }
  return merged;
}

export function union(...sets: CharSet[]): CharSet {
  return charSetOf(sets.flat());
}

export function complement(set: CharSet): CharSet {
  const out: CodePointRange[] = [];
  let next = 0;
  for (const [lo, hi] of set) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
  return out;
}

export function size(set: CharSet): number {
  return set.reduce((n, [lo, hi]) => n + hi - lo + 1, 0);
}

const char = (c: string): CodePointRange => [c.codePointAt(0) ?? 0, c.codePointAt(0) ?? 0];
const span = (a: string, b: string): CodePointRange => [char(a)[0], char(b)[0]];

/** PCRE's (non-UCP) shorthand classes: ASCII only, as in MongoDB's `$regex`. */
export const DIGIT: CharSet = charSetOf([span('0', '9')]);
export const WORD: CharSet = charSetOf([span('0', '9'), span('A', 'Z'), span('a', 'z'), char('_')]);
/** PCRE2 `\s`: space, \t, \n, \v (VT), \f, \r. */
export const SPACE: CharSet = charSetOf([[0x09, 0x0d], char(' ')]);
/** PCRE `.` without the `s` flag: anything but a line feed. */
export const DOT: CharSet = complement(charSetOf([char('\n')]));
