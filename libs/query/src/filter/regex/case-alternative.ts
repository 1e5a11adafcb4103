import { CharSet, charSetOf, CodePointRange } from './char-set';

/**
 * Case-insensitive matching follows Elasticsearch's own `case_insensitive` rule (used by `contain`):
 * each pattern character also matches its simple case alternative — the upper-case form of a
 * lower-case letter, the lower-case form of anything else — when that is a single code point.
 * Lucene 9's regexp `case_insensitive` flag folds ASCII only and ignores ranges, so `regex`
 * expands the alternatives into the Lucene pattern itself.
 */
export function caseAlternative(cp: number): number {
  const ch = String.fromCodePoint(cp);
  const alt = /\p{Lowercase}/u.test(ch) ? ch.toUpperCase() : ch.toLowerCase();
  const altCp = alt.codePointAt(0);
  return altCp !== undefined && alt.length === String.fromCodePoint(altCp).length ? altCp : cp;
}

/** Cased code points are all below U+20000; scanning them once is cheap (~130k code points). */
const CASED_LIMIT = 0x1ffff;
let casedTable: readonly (readonly [number, number])[] | undefined;

function casedCodePoints(): readonly (readonly [number, number])[] {
  if (!casedTable) {
    const table: [number, number][] = [];
    for (let cp = 0; cp <= CASED_LIMIT; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const alt = caseAlternative(cp);
      if (alt !== cp) table.push([cp, alt]);
    }
    casedTable = table;
  }
  return casedTable;
}

function firstIndexAtLeast(table: readonly (readonly [number, number])[], cp: number): number {
  let lo = 0;
  let hi = table.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((table[mid]?.[0] ?? Infinity) < cp) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The set plus the case alternative of each of its members. */
export function withCaseAlternatives(set: CharSet): CharSet {
  const table = casedCodePoints();
  const extra: CodePointRange[] = [];
  for (const [lo, hi] of set) {
    for (let i = firstIndexAtLeast(table, lo); i < table.length; i++) {
      const entry = table[i];
      if (!entry || entry[0] > hi) break;
      extra.push([entry[1], entry[1]]);
    }
  }
  return extra.length === 0 ? set : charSetOf([...set, ...extra]);
}
