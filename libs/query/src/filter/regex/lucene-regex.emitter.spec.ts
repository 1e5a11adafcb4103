import { toLuceneRegex } from './lucene-regex.emitter';
import { parseRegex } from './regex.parser';
import { RegexSyntaxError } from './regex-syntax.error';

const lucene = (pattern: string) => toLuceneRegex(parseRegex(pattern));

describe('toLuceneRegex', () => {
  it.each([
    ['abc', '.*[Aa][Bb][Cc].*'],
    ['', '.*().*'],
    ['^abc', '[Aa][Bb][Cc].*'],
    ['abc$', '.*[Aa][Bb][Cc]\n?'],
    ['^$', '()\n?'],
    ['a|^b|c$', '.*[Aa].*|[Bb].*|.*[Cc]\n?'],
    ['a.c', '.*[Aa][^\n][Cc].*'],
    ['1-2', '.*1\\-2.*'],
    ['a\\.b\\*', '.*[Aa]\\.[Bb]\\*.*'],
    ['"<>#@~&', '.*\\"\\<\\>\\#\\@\\~\\&.*'],
    ['\\d\\D', '.*[0-9][^0-9].*'],
    ['\\w+', '.*[0-9A-Z\\_a-z]+.*'],
    ['\\W', '.*[^0-9A-Z\\_a-z].*'],
    ['\\s\\S', '.*[\t-\r\\ ][^\t-\r\\ ].*'],
    ['[a-c_]', '.*[A-C\\_a-c].*'],
    ['[^a-c]', '.*[^A-Ca-c].*'],
    ['[\\d.]', '.*[\\.0-9].*'],
    ['[]a]', '.*[A\\]a].*'],
    ['[a-]', '.*[\\-Aa].*'],
    ['x{2}y{1,}z{0,3}', '.*[Xx]{2}[Yy]+[Zz]{0,3}.*'],
    ['x{2,5}', '.*[Xx]{2,5}.*'],
    ['a{x', '.*[Aa]\\{[Xx].*'],
    ['(ab)+|(?:c|d)?', '.*([Aa][Bb])+.*|.*([Cc]|[Dd])?.*'],
    ['(?<name>a)(?P<n2>b)', '.*([Aa])([Bb]).*'],
    ['(a|)', '.*([Aa]|()).*'],
    ['\\x41\\x{1F600}', '.*[Aa]\u{1F600}.*'],
    ['\\t\\n', '.*\t\n.*'],
    ['é', '.*[Éé].*'],
    ['[\\x{D7FF}-\\x{E000}]', '.*[\u{D7FF}\u{E000}].*'],
  ])('%j → %j', (pattern, expected) => {
    expect(lucene(pattern)).toBe(expected);
  });

  it.each([
    ['a(?=b)', 'lookaround'],
    ['a(?!b)', 'lookaround'],
    ['(?<=a)b', 'lookaround'],
    ['(?<!a)b', 'lookaround'],
    ['(a)\\1', 'back-references'],
    ['(?<n>a)\\k<n>', 'back-references'],
    ['(?P=n)', 'back-references'],
    ['a*?', 'lazy'],
    ['a+?', 'lazy'],
    ['a{1,2}?', 'lazy'],
    ['a++', 'possessive'],
    ['a**', 'cannot follow'],
    ['*a', 'nothing to repeat'],
    ['{2}', 'nothing to repeat'],
    ['a{,2}', 'ambiguous'],
    ['a{3,2}', 'out of order'],
    ['a{1001}', 'above 1000'],
    ['(?i)a', 'group construct'],
    ['(?>a)', 'group construct'],
    ['a^b', 'start/end'],
    ['a$b', 'start/end'],
    ['(^a)', 'start/end'],
    ['(a$)', 'start/end'],
    ['\\bword', 'assertion'],
    ['\\Aa', 'assertion'],
    ['a\\z', 'assertion'],
    ['\\p{L}', 'property'],
    ['\\v', 'ambiguous'],
    ['\\u0041', 'not supported'],
    ['\\x4', 'hex digits'],
    ['\\x{D800}', 'scalar'],
    ['[[:alpha:]]', 'POSIX'],
    ['[z-a]', 'out of order'],
    ['[a', 'missing ]'],
    ['(a', 'missing )'],
    ['a)', 'unmatched )'],
    ['a\\', 'trailing backslash'],
    ['[\\b]', '\\b inside'],
  ])('should reject %j (%s)', (pattern, fragment) => {
    expect(() => lucene(pattern)).toThrow(RegexSyntaxError);
    expect(() => lucene(pattern)).toThrow(fragment);
  });
});
