import fc from 'fast-check';
import { jobTaskDocumentId, MAX_DOCUMENT_ID_BYTES } from './job-task-document.id';

const byteLength = (text: string): number => Buffer.byteLength(text, 'utf8');

describe(jobTaskDocumentId.name, () => {
  it('should be readable for ordinary ids', () => {
    expect(jobTaskDocumentId('domain-1a2b3c', 'job-task-4d5e6f')).toBe(
      'domain-1a2b3c:job-task-4d5e6f',
    );
  });

  it.each([
    [
      ['a:b', 'c'],
      ['a', 'b:c'],
    ],
    [
      ['a%3Ab', 'c'],
      ['a:b', 'c'],
    ],
    [
      ['a', ''],
      ['', 'a'],
    ],
    [
      ['a:', ''],
      ['a', ':'],
    ],
    [
      ['%', 'x'],
      ['%25', 'x'],
    ],
    [
      ['\ud800', 'x'],
      ['\ud801', 'x'],
    ],
    [
      ['\ud800', 'x'],
      ['\ufffd', 'x'],
    ],
  ])('should give different ids to %j and %j', (left, right) => {
    expect(jobTaskDocumentId(left[0] ?? '', left[1] ?? '')).not.toBe(
      jobTaskDocumentId(right[0] ?? '', right[1] ?? ''),
    );
  });

  it('should hash pairs that would exceed 512 bytes, and never collide with a readable id', () => {
    const long = jobTaskDocumentId('d', 'é'.repeat(300));
    expect(long).toMatch(/^%sha256:[0-9a-f]{64}$/);
    expect(jobTaskDocumentId('%sha256', long.slice('%sha256:'.length))).not.toBe(long);
  });

  it('should keep the readable form up to exactly 512 bytes', () => {
    const id = jobTaskDocumentId('d', 'x'.repeat(MAX_DOCUMENT_ID_BYTES - 2));
    expect(byteLength(id)).toBe(MAX_DOCUMENT_ID_BYTES);
    expect(id.startsWith('d:')).toBe(true);
  });

  it('should be injective and at most 512 UTF-8 bytes for any pair of ids', () => {
    const part = fc.oneof(
      fc.string({
        unit: fc.constantFrom('a', ':', '%', '2', '5', '3', 'A', '\ud800', 'é'),
        maxLength: 8,
      }),
      fc.string({ unit: 'binary', maxLength: 300 }),
    );
    fc.assert(
      fc.property(fc.tuple(part, part), fc.tuple(part, part), ([d1, t1], [d2, t2]) => {
        const [a, b] = [jobTaskDocumentId(d1, t1), jobTaskDocumentId(d2, t2)];
        expect(byteLength(a)).toBeLessThanOrEqual(MAX_DOCUMENT_ID_BYTES);
        expect(a === b).toBe(d1 === d2 && t1 === t2);
      }),
      { numRuns: 2000 },
    );
  });
});
