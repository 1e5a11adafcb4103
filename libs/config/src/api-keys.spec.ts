import { apiKeys } from './api-keys';

const READER = 'reader-key-0123456789';
const OTHER = 'other-key-0123456789';

function messagesOf(raw: string): string[] {
  const result = apiKeys.safeParse(raw);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

describe('API_KEYS', () => {
  it('should trim keys and domains and keep a key bound to several domains', () => {
    const grants = apiKeys.parse(` ${READER} = domain-a | domain-b , ${OTHER}=* `);
    expect(grants.get(READER)).toEqual(new Set(['domain-a', 'domain-b']));
    expect(grants.get(OTHER)).toBe('all');
  });

  it('should let two keys read the same domain, as a rotation needs', () => {
    const grants = apiKeys.parse(`${READER}=domain-a,${OTHER}=domain-a`);
    expect([...grants.keys()]).toEqual([READER, OTHER]);
  });

  it('should treat blanks and stray commas as no keys at all', () => {
    expect(apiKeys.parse(' , ,').size).toBe(0);
  });

  it.each([
    ['the same key twice', `${READER}=domain-a,${OTHER}=*,${READER}=domain-b`, /entry 3 repeats/],
    ['the same key widened to every domain', `${READER}=domain-a,${READER}=*`, /entry 2 repeats/],
    ['an empty domain between bars', `${READER}=domain-a||domain-b`, /entry 1 .*empty domain/],
    ['a trailing bar', `${READER}=domain-a|`, /entry 1 .*empty domain/],
    ['a wildcard among domains', `${READER}=domain-a|*`, /entry 1 .*\* must stand alone/],
    ['a second equals sign', `${READER}=domain-a=domain-b`, /entry 1 .*"="/],
  ])('should refuse %s instead of guessing what was meant', (_name, raw, message) => {
    const messages = messagesOf(raw);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(message);
  });

  it('should not repeat any part of a key in the problems it names by position', () => {
    const messages = messagesOf(`${READER}=a,${READER}=b,${OTHER}=a||b,${OTHER}x=*|c`);
    expect(messages).toHaveLength(3);
    for (const message of messages) {
      expect(message).not.toContain('-key-');
      expect(message).not.toContain('reader');
      expect(message).not.toContain('other');
    }
  });
});
