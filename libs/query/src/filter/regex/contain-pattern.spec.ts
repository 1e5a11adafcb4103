import { parseQueryScope } from '../parse/query-scope.parser';
import { QueryError } from '../../errors/query-error';
import {
  containPattern,
  LUCENE_DEFAULT_MAX_DETERMINIZED_STATES,
  MAX_SUBSTRING_EFFORT,
  maxDeterminizedStatesFor,
  substringEffort,
} from './contain-pattern';

const cps = (text: string) => Array.from(text, (c) => c.codePointAt(0) ?? 0);
const scope = (filter: unknown[], keyword?: string) =>
  parseQueryScope(keyword === undefined ? { filter } : { filter, keyword }, 'query');

describe(containPattern.name, () => {
  it('should keep a cheap ASCII literal a case-insensitive wildcard', () => {
    expect(containPattern('Job-1*')).toEqual({ kind: 'wildcard', value: '*Job-1\\**' });
  });

  it('should keep a long literal that does not overlap itself a wildcard', () => {
    const text = Array.from(
      { length: 1000 },
      (_, i) => String.fromCharCode(97 + ((i * 7) % 26)) + i,
    ).join('');
    expect(containPattern(text.slice(0, 1000)).kind).toBe('wildcard');
  });

  it.each([
    ['a run of one letter', 'a'.repeat(500)],
    ['a period of two', 'Ab'.repeat(500)],
    ['a non-ASCII run', 'é'.repeat(1000)],
  ])('should send %s as a regexp with a budget that fits it', (_name, text) => {
    const sut = containPattern(text);
    expect(sut.kind).toBe('regexp');
    if (sut.kind !== 'regexp') return;
    // Lucene's effort limit is ten times the state budget
    expect(sut.maxDeterminizedStates * 10).toBeGreaterThan(substringEffort(cps(text)));
    expect(sut.maxDeterminizedStates).toBeGreaterThan(LUCENE_DEFAULT_MAX_DETERMINIZED_STATES);
  });

  it('should give every literal of up to 1,000 characters a budget above its worst effort', () => {
    expect(substringEffort(cps('a'.repeat(1000)))).toBeLessThanOrEqual(MAX_SUBSTRING_EFFORT);
    expect(maxDeterminizedStatesFor(1000) * 10).toBeGreaterThan(
      substringEffort(cps('a'.repeat(1000))),
    );
  });
});

describe(substringEffort.name, () => {
  it('should grow linearly for a literal without self-overlap and quadratically for a run', () => {
    expect(substringEffort(cps('abcdefgh'))).toBe(2 + 8 * 4);
    expect(substringEffort(cps('aaaa'))).toBe(2 + 2 * (2 + 3 + 4 + 5));
  });

  it('should treat case variants as one character, since the automaton does', () => {
    expect(substringEffort(cps('aAaA'))).toBe(substringEffort(cps('aaaa')));
  });
});

describe('literal substrings in a scope', () => {
  it.each([
    ['a 500-character contain', [{ k: 'job_id', v: 'a'.repeat(500), o: 'contain' }], undefined],
    ['a 1,000-character keyword token', [], 'x'.repeat(1000)],
    [
      'a long non-ASCII contain_in',
      [{ k: 'job_id', v: ['ǅ'.repeat(1000)], o: 'contain_in' }],
      undefined,
    ],
  ])('should accept %s', (_name, filter, keyword) => {
    expect(() => scope(filter, keyword)).not.toThrow();
  });

  it('should refuse a literal that repeats itself for more than 1,000 characters, naming it', () => {
    const run = (): unknown => scope([{ k: 'job_id', v: 'a'.repeat(1500), o: 'not_contain' }]);
    expect(run).toThrow(QueryError);
    expect(run).toThrow(/query\.filter\[0\].*aaaa.*repeats itself/);
  });
});
