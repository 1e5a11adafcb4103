import { withCaseAlternatives } from './case-alternative';
import { CharSet, charSetOf, complement, MAX_CODE_POINT, union } from './char-set';
import { ParsedRegex, RegexBranch, RegexNode } from './regex-ast';

/**
 * Emits an anchored Lucene regular expression matching exactly the strings in which the PCRE pattern
 * finds a case-insensitive match. Lucene matches whole terms, so unanchored ends become `.*`; PCRE's
 * `$` also matches before a final line feed, hence the optional raw LF. Every ASCII punctuation
 * character is escaped, so the result means the same under any Lucene syntax flags; no `\d`-style
 * shorthand is ever emitted (Lucene versions disagree on them).
 */
export function toLuceneRegex(regex: ParsedRegex): string {
  return regex.branches.map(emitBranch).join('|');
}

function emitBranch(branch: RegexBranch): string {
  const start = branch.anchoredStart ? '' : '.*';
  const end = branch.anchoredEnd ? '\n?' : '.*';
  return `${start}${emitNode(branch.body)}${end}`;
}

function emitNode(node: RegexNode): string {
  switch (node.type) {
    case 'char':
      return emitSet(withCaseAlternatives([[node.codePoint, node.codePoint]]));
    case 'class': {
      const set = union(withCaseAlternatives(node.cased), node.uncased);
      return emitSet(node.negated ? complement(set) : set);
    }
    case 'sequence':
      return node.items.length === 0 ? '()' : node.items.map(emitNode).join('');
    case 'alternation':
      return node.options.map(emitNode).join('|');
    case 'group':
      return `(${emitNode(node.body)})`;
    case 'repeat':
      return `${emitNode(node.body)}${quantifier(node.min, node.max)}`;
    default: {
      const unreachable: never = node;
      return unreachable;
    }
  }
}

function quantifier(min: number, max: number | null): string {
  if (max === null) return min === 0 ? '*' : min === 1 ? '+' : `{${min},}`;
  if (min === 0 && max === 1) return '?';
  return min === max ? `{${min}}` : `{${min},${max}}`;
}

/** Terms are UTF-8, so surrogate code points never occur; dropping them keeps the pattern valid. */
function withoutSurrogates(set: CharSet): CharSet {
  const out: [number, number][] = [];
  for (const [lo, hi] of set) {
    if (lo < 0xd800) out.push([lo, Math.min(hi, 0xd7ff)]);
    if (hi > 0xdfff) out.push([Math.max(lo, 0xe000), hi]);
  }
  return charSetOf(out);
}

function emitSet(raw: CharSet): string {
  const set = withoutSurrogates(raw);
  const only = set.length === 1 ? set[0] : undefined;
  if (only && only[0] === only[1]) return literal(only[0]);
  const full = withoutSurrogates([[0, MAX_CODE_POINT]]);
  const missing = withoutSurrogates(complement(set));
  if (missing.length === 0 && set.length === full.length) return '.';
  const positive = ranges(set);
  const negative = ranges(missing);
  return negative.length < positive.length ? `[^${negative}]` : `[${positive || '^\0-\u{10ffff}'}]`;
}

function ranges(set: CharSet): string {
  return set
    .map(([lo, hi]) => (lo === hi ? literal(lo) : `${literal(lo)}-${literal(hi)}`))
    .join('');
}

function literal(codePoint: number): string {
  const ch = String.fromCodePoint(codePoint);
  return /[\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e ]/.test(ch) ? `\\${ch}` : ch;
}
