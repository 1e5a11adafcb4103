import { Metadata } from '@grpc/grpc-js';
import { correlationIdOf, metadataText, metadataTexts } from './grpc-metadata.reader';

const metadata = (entries: Record<string, string>): Metadata => {
  const m = new Metadata();
  for (const [key, value] of Object.entries(entries)) m.set(key, value);
  return m;
};

describe(metadataText.name, () => {
  it('should read the first value of a key and nothing when absent', () => {
    expect(metadataText(metadata({ authorization: 'Bearer k' }), 'authorization')).toBe('Bearer k');
    expect(metadataText(metadata({}), 'authorization')).toBeUndefined();
    expect(metadataText(undefined, 'authorization')).toBeUndefined();
  });
});

describe(metadataTexts.name, () => {
  it('should read every text value of a key, in order, and no binary one', () => {
    const m = new Metadata();
    m.add('authorization', 'Bearer a');
    m.add('authorization', 'Bearer b');
    m.add('authorization-bin', Buffer.from('Bearer c'));
    expect(metadataTexts(m, 'authorization')).toEqual(['Bearer a', 'Bearer b']);
    expect(metadataTexts(m, 'authorization-bin')).toEqual([]);
    expect(metadataTexts(undefined, 'authorization')).toEqual([]);
  });
});

describe(correlationIdOf.name, () => {
  it('should reuse a safe caller-supplied id', () => {
    expect(correlationIdOf(metadata({ 'x-request-id': 'abc-123' }))).toBe('abc-123');
  });

  it('should mint an id when the given one is unsafe to log or missing', () => {
    expect(correlationIdOf(metadata({ 'x-request-id': 'a b;c' }))).toMatch(/^[0-9a-f-]{36}$/);
    expect(correlationIdOf(undefined)).toMatch(/^[0-9a-f-]{36}$/);
  });
});
