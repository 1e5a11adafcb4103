import { CharSet, charSetOf, CodePointRange, DOT, union } from './char-set';
import { ParsedRegex, RegexBranch, RegexNode } from './regex-ast';
import { parseEscape } from './regex-escape.parser';
import { RegexSyntaxError } from './regex-syntax.error';

/** PCRE allows 65535; a bound this size already makes automata that ES refuses to determinize. */
export const MAX_REGEX_REPEAT = 1000;
const QUANTIFIER = /^\{(\d+)(,(\d*))?\}/;

/** Parses the supported PCRE subset (api.md); every other construct is a RegexSyntaxError. */
export function parseRegex(source: string): ParsedRegex {
  return new RegexParser(source).parse();
}

class RegexParser {
  private readonly chars: readonly string[];
  private pos = 0;

  constructor(private readonly source: string) {
    this.chars = [...source];
  }

  parse(): ParsedRegex {
    const branches: RegexBranch[] = [this.parseBranch()];
    while (this.eat('|')) branches.push(this.parseBranch());
    if (this.pos < this.chars.length) throw this.error('unmatched )');
    return { source: this.source, branches };
  }

  private parseBranch(): RegexBranch {
    const anchoredStart = this.eat('^');
    const body = this.parseSequence(true);
    const anchoredEnd = this.eat('$');
    return { anchoredStart, anchoredEnd, body };
  }

  private parseSequence(topLevel: boolean): RegexNode {
    const items: RegexNode[] = [];
    for (;;) {
      const c = this.peek();
      if (c === undefined || c === '|' || c === ')') break;
      if (c === '$' && topLevel && this.atBranchEnd(this.pos + 1)) break;
      if (c === '^' || c === '$') {
        throw this.error(`${c} is only supported at the start/end of a top-level alternative`);
      }
      items.push(this.parseQuantified(this.parseAtom()));
    }
    return items.length === 1 && items[0] ? items[0] : { type: 'sequence', items };
  }

  private atBranchEnd(index: number): boolean {
    const next = this.chars[index];
    return next === undefined || next === '|';
  }

  private parseAtom(): RegexNode {
    const c = this.peek() ?? '';
    if (c === '(') return this.parseGroup();
    if (c === '[') return this.parseClass();
    if (c === '*' || c === '+' || c === '?' || (c === '{' && this.quantifierAhead())) {
      throw this.error('nothing to repeat before this quantifier');
    }
    if (c === '.') {
      this.pos++;
      return { type: 'class', cased: [], uncased: DOT, negated: false };
    }
    if (c === '\\') {
      const { value, next } = parseEscape(this.chars, this.pos);
      this.pos = next;
      return value.kind === 'char'
        ? { type: 'char', codePoint: value.codePoint }
        : { type: 'class', cased: [], uncased: value.set, negated: false };
    }
    this.pos++;
    return { type: 'char', codePoint: c.codePointAt(0) ?? 0 };
  }

  /**
   * The rest of the pattern from here. A quantifier is recognised over all of it, not a window: PCRE
   * reads `{0000000000000000000000002}` as `{2}`, and a fixed window made it a literal brace.
   */
  private rest(): string {
    return this.chars.slice(this.pos).join('');
  }

  private quantifierAhead(): boolean {
    const rest = this.rest();
    if (rest.startsWith('{,'))
      throw this.error('{,n} is ambiguous across PCRE versions; use {0,n}');
    return QUANTIFIER.test(rest);
  }

  private parseQuantified(atom: RegexNode): RegexNode {
    const bounds = this.parseQuantifier();
    if (!bounds) return atom;
    const next = this.peek();
    if (next === '?') throw this.error('lazy quantifiers are not supported');
    if (next === '+') throw this.error('possessive quantifiers are not supported');
    if (next === '*' || (next === '{' && this.quantifierAhead())) {
      throw this.error('a quantifier cannot follow a quantifier');
    }
    return { type: 'repeat', body: atom, min: bounds.min, max: bounds.max };
  }

  private parseQuantifier(): { min: number; max: number | null } | undefined {
    const c = this.peek();
    if (c === '*' || c === '+' || c === '?') {
      this.pos++;
      return c === '*'
        ? { min: 0, max: null }
        : c === '+'
          ? { min: 1, max: null }
          : { min: 0, max: 1 };
    }
    if (c !== '{' || !this.quantifierAhead()) return undefined;
    const m = QUANTIFIER.exec(this.rest());
    if (!m) return undefined;
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? null : Number(m[3]);
    if (min > MAX_REGEX_REPEAT || (max ?? 0) > MAX_REGEX_REPEAT) {
      throw this.error(`repetition bounds above ${MAX_REGEX_REPEAT} are not supported`);
    }
    if (max !== null && max < min) throw this.error('quantifier bounds out of order');
    this.pos += m[0].length;
    return { min, max };
  }

  private parseGroup(): RegexNode {
    const start = this.pos;
    this.pos++;
    if (this.eat('?')) this.parseGroupPrefix(start);
    const options: RegexNode[] = [this.parseSequence(false)];
    while (this.eat('|')) options.push(this.parseSequence(false));
    if (!this.eat(')')) throw new RegexSyntaxError('missing )', start);
    const body: RegexNode =
      options.length === 1 && options[0] ? options[0] : { type: 'alternation', options };
    return { type: 'group', body };
  }

  /** After `(?`: only non-capturing and named groups are plain groups. */
  private parseGroupPrefix(start: number): void {
    const rest = this.chars.slice(this.pos, this.pos + 40).join('');
    if (rest.startsWith(':')) {
      this.pos++;
      return;
    }
    if (/^(=|!|<=|<!)/.test(rest)) throw new RegexSyntaxError('lookaround is not supported', start);
    const named = /^(?:P?<([A-Za-z_]\w*)>|'([A-Za-z_]\w*)')/.exec(rest);
    if (named) {
      this.pos += named[0].length;
      return;
    }
    if (/^(P=|P>|&|\d|R)/.test(rest)) {
      throw new RegexSyntaxError('back-references and recursion are not supported', start);
    }
    throw new RegexSyntaxError(
      'this group construct (inline flags, atomic, comment or conditional) is not supported',
      start,
    );
  }

  private parseClass(): RegexNode {
    const start = this.pos;
    this.pos++;
    const negated = this.eat('^');
    const cased: CodePointRange[] = [];
    const uncased: CharSet[] = [];
    let first = true;
    for (;;) {
      const c = this.peek();
      if (c === undefined) throw new RegexSyntaxError('missing ]', start);
      if (c === ']' && !first) break;
      first = false;
      const item = this.parseClassItem();
      if (item.kind === 'shorthand') {
        uncased.push(item.set);
        continue;
      }
      if (this.peek() === '-' && this.chars[this.pos + 1] !== ']' && this.peekAt(1) !== undefined) {
        this.pos++;
        const end = this.parseClassItem();
        if (end.kind !== 'char') throw this.error('a class range cannot end in a shorthand');
        if (end.codePoint < item.codePoint) throw this.error('class range out of order');
        cased.push([item.codePoint, end.codePoint]);
      } else {
        cased.push([item.codePoint, item.codePoint]);
      }
    }
    this.pos++;
    return { type: 'class', cased: charSetOf(cased), uncased: union(...uncased), negated };
  }

  private parseClassItem():
    { kind: 'char'; codePoint: number } | { kind: 'shorthand'; set: CharSet } {
    const c = this.peek() ?? '';
    if (c === '\\') {
      if (this.peekAt(1) === 'b') throw this.error('\\b inside a class is not supported');
      const { value, next } = parseEscape(this.chars, this.pos);
      this.pos = next;
      return value;
    }
    if (c === '[' && /^[:.=]/.test(this.peekAt(1) ?? '')) {
      throw this.error('POSIX classes like [:alpha:] are not supported');
    }
    this.pos++;
    return { kind: 'char', codePoint: c.codePointAt(0) ?? 0 };
  }

  private peek(): string | undefined {
    return this.chars[this.pos];
  }

  private peekAt(offset: number): string | undefined {
    return this.chars[this.pos + offset];
  }

  private eat(c: string): boolean {
    if (this.chars[this.pos] !== c) return false;
    this.pos++;
    return true;
  }

  private error(message: string): RegexSyntaxError {
    return new RegexSyntaxError(message, this.pos);
  }
}
