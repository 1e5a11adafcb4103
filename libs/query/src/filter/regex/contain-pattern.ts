import { caseAlternative } from './case-alternative';
import { toLuceneRegex } from './lucene-regex.emitter';
import { RegexNode } from './regex-ast';

/**
 * How a case-insensitive substring test is sent to ES (docs/query-language.md, "Literal substrings").
 *
 * Both forms are the automaton `.*P.*`, which Lucene determinizes before it runs. `wildcard` with
 * `case_insensitive` folds ASCII letters only (measured on 8.19), so it is exact only when no pattern
 * character outside ASCII has a case alternative; otherwise the literal goes out as a `regexp` whose
 * characters carry their case alternatives explicitly, like the `regex` operator.
 *
 * The cost of determinizing `.*P.*` does not depend on the case classes (each pattern position is one
 * NFA state, whatever its class) but on how much P overlaps itself: the subset construction visits, for
 * each prefix of P, the chain of its borders. A periodic literal (`aaaa…`, `abab…`) makes that
 * quadratic, and Lucene's default budget (10,000 states, i.e. an effort of 100,000) refuses such a
 * literal from about 450 characters on, also as a plain wildcard. A `wildcard` query cannot raise the
 * budget, a `regexp` can: so a literal whose estimated effort would not fit comfortably goes out as a
 * `regexp` carrying a budget computed from its own length, and is never refused for complexity.
 */
export type ContainPattern =
  | { readonly kind: 'wildcard'; readonly value: string }
  | { readonly kind: 'regexp'; readonly value: string; readonly maxDeterminizedStates: number };

/** Lucene's default determinization budget, in states; its effort limit is ten times this. */
export const LUCENE_DEFAULT_MAX_DETERMINIZED_STATES = 10_000;
/** A wildcard is used only while the estimate stays below this share of Lucene's default effort. */
const WILDCARD_EFFORT_BUDGET = (LUCENE_DEFAULT_MAX_DETERMINIZED_STATES * 10) / 4;

/**
 * Above this estimate a literal is refused (400): it is a text repeating itself for over a thousand
 * characters, whose exact search costs Elasticsearch seconds (8,000 × `a` took a minute on 8.19).
 * Every literal of up to 1,000 characters stays below it, periodic or not.
 */
export const MAX_SUBSTRING_EFFORT = 1_100_000;

/** Wildcard metacharacters are `*`, `?` and the escape `\`. */
export function escapeWildcard(text: string): string {
  return text.replace(/[\\*?]/g, (c) => `\\${c}`);
}

function needsUnicodeFolding(codePoints: readonly number[]): boolean {
  return codePoints.some((cp) => cp >= 0x80 && caseAlternative(cp) !== cp);
}

/** One representative per case class, so that `a` and `A` compare equal below. */
function folded(cp: number): number {
  return Math.min(cp, caseAlternative(cp));
}

/**
 * Estimated effort Lucene spends determinizing `.*P.*`: two NFA states per pattern character, and
 * per KMP state the chain of borders of that prefix (computed with the failure function).
 */
export function substringEffort(codePoints: readonly number[]): number {
  const p = codePoints.map(folded);
  // border[i]: length of the longest proper border of p[0..i]; chain[L]: KMP states active at length L
  const border: number[] = [];
  const chain: number[] = [1];
  let effort = 2;
  for (let i = 0; i < p.length; i++) {
    let k = i === 0 ? 0 : (border[i - 1] ?? 0);
    while (k > 0 && p[i] !== p[k]) k = border[k - 1] ?? 0;
    if (i > 0 && p[i] === p[k]) k += 1;
    border[i] = k;
    chain[i + 1] = (chain[k] ?? 1) + 1;
    effort += 2 * (chain[i + 1] ?? 1);
  }
  return effort;
}

/**
 * The budget sent with a regexp literal: an upper bound on the determinization of `.*P.*` for any
 * P of this length (every prefix's border chain is at most as long as the prefix), with room to spare.
 */
export function maxDeterminizedStatesFor(length: number): number {
  const worstEffort = (length + 2) * (length + 3);
  return LUCENE_DEFAULT_MAX_DETERMINIZED_STATES + Math.ceil(worstEffort / 5);
}

export function containPattern(text: string): ContainPattern {
  const codePoints = Array.from(text, (ch) => ch.codePointAt(0) ?? 0);
  if (!needsUnicodeFolding(codePoints) && substringEffort(codePoints) <= WILDCARD_EFFORT_BUDGET) {
    return { kind: 'wildcard', value: `*${escapeWildcard(text)}*` };
  }
  const items: RegexNode[] = codePoints.map((codePoint) => ({ type: 'char', codePoint }));
  const body: RegexNode = { type: 'sequence', items };
  return {
    kind: 'regexp',
    value: toLuceneRegex({
      source: text,
      branches: [{ anchoredStart: false, anchoredEnd: false, body }],
    }),
    maxDeterminizedStates: maxDeterminizedStatesFor(codePoints.length),
  };
}
