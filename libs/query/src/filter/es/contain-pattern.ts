import { caseAlternative } from '../regex/case-alternative';
import { toLuceneRegex } from '../regex/lucene-regex.emitter';
import { RegexNode } from '../regex/regex-ast';

/**
 * How a case-insensitive substring test is sent to ES. `wildcard` with `case_insensitive` folds ASCII
 * letters only (measured on 8.19), which is exact as long as no pattern character outside ASCII has
 * a case alternative; otherwise the literal goes out as a `regexp` whose characters carry their case
 * alternatives explicitly, like the `regex` operator.
 */
export type ContainPattern =
  | { readonly kind: 'wildcard'; readonly value: string }
  | { readonly kind: 'regexp'; readonly value: string };

/** Wildcard metacharacters are `*`, `?` and the escape `\`. */
export function escapeWildcard(text: string): string {
  return text.replace(/[\\*?]/g, (c) => `\\${c}`);
}

function needsUnicodeFolding(text: string): boolean {
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= 0x80 && caseAlternative(cp) !== cp) return true;
  }
  return false;
}

export function containPattern(text: string): ContainPattern {
  if (!needsUnicodeFolding(text)) return { kind: 'wildcard', value: `*${escapeWildcard(text)}*` };
  const items: RegexNode[] = Array.from(text, (ch) => ({
    type: 'char',
    codePoint: ch.codePointAt(0) ?? 0,
  }));
  const body: RegexNode = { type: 'sequence', items };
  return {
    kind: 'regexp',
    value: toLuceneRegex({
      source: text,
      branches: [{ anchoredStart: false, anchoredEnd: false, body }],
    }),
  };
}
