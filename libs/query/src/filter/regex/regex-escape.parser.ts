import { CharSet, complement, DIGIT, SPACE, WORD } from './char-set';
import { RegexSyntaxError } from './regex-syntax.error';

/** What one escape sequence denotes: a single character or a shorthand class. */
export type EscapeValue =
  | { readonly kind: 'char'; readonly codePoint: number }
  | { readonly kind: 'shorthand'; readonly set: CharSet };

const CONTROL_ESCAPES: Record<string, number> = { t: 9, n: 10, r: 13, f: 12, e: 27, a: 7 };
const SHORTHANDS: Record<string, CharSet> = {
  d: DIGIT,
  D: complement(DIGIT),
  w: WORD,
  W: complement(WORD),
  s: SPACE,
  S: complement(SPACE),
};

function rejection(letter: string): string {
  if (/[0-9]/.test(letter)) return 'back-references and octal escapes are not supported';
  if ('kg'.includes(letter)) return 'back-references are not supported';
  if ('bBAzZG'.includes(letter)) return `the assertion \\${letter} is not supported`;
  if ('pP'.includes(letter)) return 'Unicode property escapes are not supported';
  if ('QE'.includes(letter)) return '\\Q...\\E quoting is not supported';
  if (letter === 'v')
    return '\\v is ambiguous (PCRE: vertical space; JS: VT); use [\\n\\r] or \\x0B';
  return `the escape \\${letter} is not supported`;
}

/**
 * Parses the escape whose backslash is at `chars[start]`; returns the value and the index after it.
 * Only unambiguous escapes are accepted: anything PCRE and JavaScript read differently is a 400.
 */
export function parseEscape(
  chars: readonly string[],
  start: number,
): { value: EscapeValue; next: number } {
  const letter = chars[start + 1];
  if (letter === undefined) throw new RegexSyntaxError('trailing backslash', start);
  const shorthand = SHORTHANDS[letter];
  if (shorthand) return { value: { kind: 'shorthand', set: shorthand }, next: start + 2 };
  const control = CONTROL_ESCAPES[letter];
  if (control !== undefined)
    return { value: { kind: 'char', codePoint: control }, next: start + 2 };
  if (letter === 'x') return parseHex(chars, start);
  if (/[A-Za-z0-9]/.test(letter)) throw new RegexSyntaxError(rejection(letter), start);
  return { value: { kind: 'char', codePoint: letter.codePointAt(0) ?? 0 }, next: start + 2 };
}

function parseHex(chars: readonly string[], start: number): { value: EscapeValue; next: number } {
  const rest = chars.slice(start + 2, start + 12).join('');
  const braced = /^\{([0-9A-Fa-f]{1,6})\}/.exec(rest);
  const plain = /^[0-9A-Fa-f]{2}/.exec(rest);
  const digits = braced ? braced[1] : plain?.[0];
  if (digits === undefined) {
    throw new RegexSyntaxError('\\x needs two hex digits or \\x{...}', start);
  }
  const codePoint = parseInt(digits, 16);
  if (codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) {
    throw new RegexSyntaxError('\\x{...} is not a Unicode scalar value', start);
  }
  const length = braced ? braced[0].length : 2;
  return { value: { kind: 'char', codePoint }, next: start + 2 + length };
}
