import { parseRegex } from './regex.parser';
import { RegexSyntaxError } from './regex-syntax.error';

/** PCRE reads `{n}`, `{n,}`, `{n,m}` as a quantifier however many digits n has; any other `{` is a literal. */
describe('regex quantifier bounds', () => {
  const bodyOf = (pattern: string) => parseRegex(pattern).branches[0]?.body;

  it.each([
    ['a{0000000000000000000000002}', 2, 2],
    ['a{000000000000000000000001,0000000000000000000003}', 1, 3],
    ['a{0000000000000000000000000007,}', 7, null],
  ])('should read %s as a quantifier, as PCRE does', (pattern, min, max) => {
    expect(bodyOf(pattern)).toEqual({
      type: 'repeat',
      body: { type: 'char', codePoint: 0x61 },
      min,
      max,
    });
  });

  it('should refuse a bound too large to honour, whatever its length', () => {
    expect(() => parseRegex('a{100000000000000000000000000}')).toThrow(RegexSyntaxError);
    expect(() => parseRegex('a{1,100000000000000000000000000}')).toThrow(RegexSyntaxError);
  });

  it('should keep a brace that starts no quantifier a literal', () => {
    const literalBrace = { type: 'char', codePoint: 0x7b };
    for (const pattern of ['a{1,2', `a{${'1'.repeat(30)}x}`]) {
      const body = bodyOf(pattern);
      expect(body?.type === 'sequence' ? body.items[1] : body).toEqual(literalBrace);
    }
  });
});
