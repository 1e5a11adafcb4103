import { CharSet, parseRegex, ParsedRegex, RegexNode } from '@app/query';
import { alternativeCase } from './reference-text';

/**
 * Compiles the parsed PCRE subset to a JavaScript RegExp with api.md's meaning: unanchored search,
 * case alternatives for literal characters and explicit class members, PCRE's `$` (end or before a
 * final line feed). Every code point is written as `\u{..}`, and shorthands arrive as explicit sets,
 * so JavaScript's own readings of `\s`, `.` and `i` never come into play.
 */
const cache = new Map<string, RegExp>();

export function referenceRegex(pattern: string): RegExp {
  let compiled = cache.get(pattern);
  if (!compiled) {
    compiled = new RegExp(compile(parseRegex(pattern)), 'u');
    cache.set(pattern, compiled);
  }
  return compiled;
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
