import { parseRegex, toLuceneRegex } from '@app/query';
import fc from 'fast-check';
import { backtrackingLuceneRegex, luceneRegexMatches } from './lucene-regex.model';
import { backtrackingReferenceRegex, referenceRegex } from './reference-regex';
import { arbitraryRegex } from './regex.arbitrary';

/** Characters the generated patterns name, and a few they do not. */
const SUBJECT_CHARS = ['a', 'B', 'j', 'O', 'E', 'é', 'É', '1', '_', '-', '.', ' ', '\n', '?', 'z'];
const shortSubject = fc
  .array(fc.constantFrom(...SUBJECT_CHARS), { maxLength: 6 })
  .map((chars) => chars.join(''));

const lucene = (pattern: string) => toLuceneRegex(parseRegex(pattern));

describe('linear-time regex matching in the test oracles', () => {
  // Drawn by the differential property test on a CI run, where V8's backtracking never finished.
  const NESTED = '^((\\??|){2}\\s*.{0,}|é()(é?B+É{1,2}_{1,2}|E?\\.*){0,})+[a-c]{2}(J*()+)+';

  it.each([
    ['the drawn pattern on the status it hung on', `${NESTED}|$`, 'JOB_TASK_STATE_NONE', true],
    ['it without its empty branch', NESTED, 'JOB_TASK_STATE_NONE', false],
    ['it on a status it matches', NESTED, 'JOB_TASK_STATE_ABJ', true],
    ['it on 2,000 characters', NESTED, 'x'.repeat(2000), false],
  ])('should answer %s without backtracking', (_case, pattern, subject, expected) => {
    expect(referenceRegex(pattern).test(subject)).toBe(expected);
    expect(luceneRegexMatches(lucene(pattern), subject)).toBe(expected);
  });

  it.each([
    ['(a*)*b', 'aaab', true],
    ['^(a*)*$', '', true],
    ['^a{2,3}$', 'aaaa', false],
    ['^a{2,3}$', 'aAa', true],
    ['^(ab){2}$', 'abab', true],
    ['x$', 'x\n', true],
    ['x$', 'x\n\n', false],
    ['^b', 'ab', false],
  ])('should read %j on %j as PCRE does', (pattern, subject, expected) => {
    expect(referenceRegex(pattern).test(subject)).toBe(expected);
    expect(luceneRegexMatches(lucene(pattern), subject)).toBe(expected);
  });

  it('should agree with the backtracking reference on short subjects', () => {
    fc.assert(
      fc.property(arbitraryRegex(), shortSubject, (pattern, subject) => {
        expect(referenceRegex(pattern).test(subject)).toBe(
          backtrackingReferenceRegex(pattern).test(subject),
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('should read the emitted Lucene syntax as the backtracking model did', () => {
    fc.assert(
      fc.property(arbitraryRegex(), shortSubject, (pattern, term) => {
        const emitted = lucene(pattern);
        expect(luceneRegexMatches(emitted, term)).toBe(backtrackingLuceneRegex(emitted).test(term));
      }),
      { numRuns: 3000 },
    );
  });

  it('should refuse Lucene syntax it cannot read', () => {
    expect(() => luceneRegexMatches('(a', 'a')).toThrow(/missing \)/);
    expect(() => luceneRegexMatches('a{x}', 'a')).toThrow(/bad \{m,n\}/);
  });
});
