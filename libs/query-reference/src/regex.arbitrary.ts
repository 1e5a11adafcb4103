import fc from 'fast-check';

/** Literals as PCRE source, metacharacters already escaped. */
const LITERALS = [
  'a',
  'b',
  'j',
  'o',
  'J',
  'O',
  'B',
  '1',
  '2',
  '\\-',
  '\\.',
  '_',
  ' ',
  'x',
  'y',
  'e',
  'E',
  'é',
  'É',
  '\\n',
  '\\?',
  '\\*',
  '\\\\',
  ':',
];
const CLASSES = [
  '.',
  '\\d',
  '\\w',
  '\\s',
  '\\W',
  '\\S',
  '[a-c]',
  '[^a-z]',
  '[A-Z0-9]',
  '[-.]',
  '[é]',
  '[^\\n]',
  '[\\d_]',
];
const QUANTIFIERS = ['', '', '', '*', '+', '?', '{2}', '{1,2}', '{0,}'];

/** Hand-picked edge cases: `$` before a final line feed, `.` and line feeds, case, classes. */
const CURATED = [
  'line1$',
  '^line1$',
  '1\\n$',
  '^$',
  'e.l',
  '^job-\\d+$',
  'É',
  '^[a-c]+$',
  '(?:job|task)-\\d',
  '\\W',
  '^[^a-z]',
  'B$|^T',
  '\\s',
  '[*?]',
];

/** Random patterns of the supported PCRE subset (anchors only at top-level branch ends). */
export function arbitraryRegex(): fc.Arbitrary<string> {
  const { alternation } = fc.letrec<{ atom: string; sequence: string; alternation: string }>(
    (tie) => ({
      atom: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        { arbitrary: fc.constantFrom(...LITERALS), weight: 6 },
        { arbitrary: fc.constantFrom(...CLASSES), weight: 3 },
        { arbitrary: tie('alternation').map((body) => `(${body})`), weight: 1 },
      ),
      sequence: fc
        .array(fc.tuple(tie('atom'), fc.constantFrom(...QUANTIFIERS)), { maxLength: 4 })
        .map((parts) => parts.map(([atom, q]) => atom + q).join('')),
      alternation: fc
        .array(tie('sequence'), { minLength: 1, maxLength: 2 })
        .map((options) => options.join('|')),
    }),
  );
  const branch = fc
    .tuple(
      fc.boolean(),
      alternation.filter((s) => !s.includes('|') || s.startsWith('(')),
      fc.boolean(),
    )
    .map(([start, body, end]) => `${start ? '^' : ''}${body}${end ? '$' : ''}`);
  const random = fc.array(branch, { minLength: 1, maxLength: 2 }).map((b) => b.join('|'));
  return fc.oneof(
    { arbitrary: random, weight: 3 },
    { arbitrary: fc.constantFrom(...CURATED), weight: 1 },
  );
}
