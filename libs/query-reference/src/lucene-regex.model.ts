import { charSetOf, RegexNode } from '@app/query';
import { linearMatcher } from './linear-regex';

/**
 * Lucene regexp syntax, as far as the translation emits it, read into the regex tree and run on the
 * linear-time matcher: the whole term must match, `.` is any code point, nothing ignores case (the
 * translation spells case alternatives out). `\` makes the next character literal; digits and
 * letters are literal outside `{m,n}`.
 */
const matchers = new Map<string, (term: string) => boolean>();

export function luceneRegexMatches(pattern: string, term: string): boolean {
  let matcher = matchers.get(pattern);
  if (!matcher) {
    const body = new LuceneRegexReader(Array.from(pattern)).read();
    matcher = linearMatcher([{ anchoredStart: true, anchoredEnd: 'exact', body }], (leaf) => {
      if (leaf.type === 'char') return (point) => point === leaf.codePoint;
      const inSet = (p: number) => leaf.uncased.some(([lo, hi]) => p >= lo && p <= hi);
      return (point) => inSet(point) !== leaf.negated;
    });
    matchers.set(pattern, matcher);
  }
  return matcher(term);
}

type Bounds = { readonly min: number; readonly max: number | null };
const SIMPLE_QUANTIFIERS: Partial<Record<string, Bounds>> = {
  '*': { min: 0, max: null },
  '+': { min: 1, max: null },
  '?': { min: 0, max: 1 },
};

class LuceneRegexReader {
  private at = 0;

  constructor(private readonly chars: string[]) {}

  read(): RegexNode {
    const node = this.alternation();
    if (this.at < this.chars.length) throw this.error('unexpected )');
    return node;
  }

  private alternation(): RegexNode {
    const options = [this.sequence()];
    while (this.peek() === '|') {
      this.at++;
      options.push(this.sequence());
    }
    return options.length === 1 ? (options[0] as RegexNode) : { type: 'alternation', options };
  }

  private sequence(): RegexNode {
    const items: RegexNode[] = [];
    for (let c = this.peek(); c !== undefined && c !== '|' && c !== ')'; c = this.peek()) {
      let item = this.atom();
      for (let bounds = this.quantifier(); bounds; bounds = this.quantifier()) {
        item = { type: 'repeat', body: item, ...bounds };
      }
      items.push(item);
    }
    return { type: 'sequence', items };
  }

  private atom(): RegexNode {
    const c = this.next();
    if (c === '(') {
      const body = this.alternation();
      if (this.peek() !== ')') throw this.error('missing )');
      this.at++;
      return { type: 'group', body };
    }
    if (c === '[') return this.bracket();
    if (c === '.') return { type: 'class', cased: [], uncased: [], negated: true };
    return { type: 'char', codePoint: this.point(c === '\\' ? this.next() : c) };
  }

  private bracket(): RegexNode {
    const negated = this.peek() === '^';
    if (negated) this.at++;
    const ranges: [number, number][] = [];
    while (this.peek() !== ']') {
      const lo = this.classMember();
      if (this.peek() === '-' && this.chars[this.at + 1] !== ']') {
        this.at++;
        ranges.push([lo, this.classMember()]);
      } else ranges.push([lo, lo]);
    }
    this.at++;
    return { type: 'class', cased: [], uncased: charSetOf(ranges), negated };
  }

  private classMember(): number {
    const c = this.next();
    return this.point(c === '\\' ? this.next() : c);
  }

  private quantifier(): Bounds | undefined {
    const c = this.peek();
    const simple = c === undefined ? undefined : SIMPLE_QUANTIFIERS[c];
    if (simple) {
      this.at++;
      return simple;
    }
    if (c !== '{') return undefined;
    const close = this.chars.indexOf('}', this.at);
    const m = /^\{(\d+)(,(\d*))?\}$/.exec(this.chars.slice(this.at, close + 1).join(''));
    if (close < 0 || !m) throw this.error('bad {m,n}');
    this.at = close + 1;
    const min = Number(m[1]);
    return { min, max: m[2] === undefined ? min : m[3] === '' ? null : Number(m[3]) };
  }

  private peek(): string | undefined {
    return this.chars[this.at];
  }

  private next(): string {
    const c = this.chars[this.at++];
    if (c === undefined) throw this.error('unexpected end');
    return c;
  }

  private point(c: string): number {
    return c.codePointAt(0) ?? 0;
  }

  private error(what: string): Error {
    return new Error(`the Lucene regexp model cannot read ${this.chars.join('')}: ${what}`);
  }
}

/**
 * The JavaScript RegExp reading of the same syntax: the oracle the model is checked against on
 * short terms. It backtracks, so nested quantifiers make it exponential on longer ones.
 */
export function backtrackingLuceneRegex(pattern: string): RegExp {
  const SYNTAX = new Set(['.', '*', '+', '?', '(', ')', '[', ']', '|', '{', '}', ',', '^', '-']);
  const u = (ch: string) => `\\u{${(ch.codePointAt(0) ?? 0).toString(16)}}`;
  let out = '';
  const chars = Array.from(pattern);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] ?? '';
    if (c === '\\') out += u(chars[++i] ?? '\\');
    else if (SYNTAX.has(c) || /[0-9]/.test(c)) out += c;
    else out += u(c);
  }
  return new RegExp(`^(?:${out})$`, 'su');
}
