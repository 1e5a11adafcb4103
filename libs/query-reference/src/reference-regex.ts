import { CharSet, parseRegex, ParsedRegex, RegexNode } from '@app/query';
import { LeafTest, linearMatcher, RegexLeaf } from './linear-regex';
import { alternativeCase } from './reference-text';

/**
 * The PCRE subset with api.md's meaning: unanchored search, case alternatives for literal characters
 * and explicit class members, PCRE's `$` (end or before a final line feed). Each character or class
 * is tested by a one-character JavaScript RegExp in which every code point is written as `\u{..}` and
 * shorthands arrive as explicit sets, so JavaScript's own readings of `\s`, `.` and `i` never come
 * into play; the structure runs on the linear-time matcher.
 */
export interface ReferenceRegex {
  test(subject: string): boolean;
}

const cache = new Map<string, ReferenceRegex>();

export function referenceRegex(pattern: string): ReferenceRegex {
  let compiled = cache.get(pattern);
  if (!compiled) {
    const branches = parseRegex(pattern).branches.map((b) => ({
      anchoredStart: b.anchoredStart,
      anchoredEnd: b.anchoredEnd ? ('pcre' as const) : ('none' as const),
      body: b.body,
    }));
    compiled = { test: linearMatcher(branches, leafTest) };
    cache.set(pattern, compiled);
  }
  return compiled;
}

function leafTest(leaf: RegexLeaf): LeafTest {
  const single = new RegExp(`^${node(leaf)}$`, 'u');
  return (codePoint) => single.test(String.fromCodePoint(codePoint));
}

/**
 * The same meaning as one backtracking JavaScript RegExp: the oracle the linear matcher is checked
 * against on short subjects. Never run it on documents: nested quantifiers make it exponential.
 */
export function backtrackingReferenceRegex(pattern: string): RegExp {
  return new RegExp(compile(parseRegex(pattern)), 'u');
}

function compile(regex: ParsedRegex): string {
  return regex.branches
    .map(
      (b) => `(?:${b.anchoredStart ? '^' : ''}${node(b.body)}${b.anchoredEnd ? '(?=\\n?$)' : ''})`,
    )
    .join('|');
}

function node(n: RegexNode): string {
  switch (n.type) {
    case 'char':
      return `[${cp(n.codePoint)}${cp(alternativeCase(n.codePoint))}]`;
    case 'class': {
      const members = [...n.cased, ...withAlternatives(n.cased), ...n.uncased];
      const body = members.map(([lo, hi]) => (lo === hi ? cp(lo) : `${cp(lo)}-${cp(hi)}`)).join('');
      if (n.negated) return body ? `[^${body}]` : '[\\s\\S]';
      return body ? `[${body}]` : '[^\\s\\S]';
    }
    case 'sequence':
      return n.items.map(node).join('');
    case 'alternation':
      return n.options.map(node).join('|');
    case 'group':
      return `(?:${node(n.body)})`;
    case 'repeat':
      return `${node(n.body)}{${n.min},${n.max ?? ''}}`;
    default: {
      const unreachable: never = n;
      return unreachable;
    }
  }
}

const cp = (codePoint: number) => `\\u{${codePoint.toString(16)}}`;

let casedTable: [number, number][] | undefined;

/** [code point, alternative] for every code point whose alternative differs (all below U+20000). */
function cased(): [number, number][] {
  if (!casedTable) {
    casedTable = [];
    for (let c = 0; c < 0x20000; c++) {
      if (c >= 0xd800 && c < 0xe000) continue;
      const alt = alternativeCase(c);
      if (alt !== c) casedTable.push([c, alt]);
    }
  }
  return casedTable;
}

function withAlternatives(set: CharSet): [number, number][] {
  return cased()
    .filter(([c]) => set.some(([lo, hi]) => c >= lo && c <= hi))
    .map(([, alt]) => [alt, alt]);
}
