import { checkSize, parseJson, readEventObject, requireObject } from './event-value.reader';

describe(checkSize.name, () => {
  it('should accept a value exactly at the limit', () => {
    expect(checkSize(Buffer.alloc(10), 10).ok).toBe(true);
  });

  it('should reject a value one byte over the limit as TOO_LARGE', () => {
    expect(checkSize(Buffer.alloc(11), 10)).toEqual({
      ok: false,
      problem: { reason: 'TOO_LARGE', message: 'value is 11 bytes, over the limit of 10' },
    });
  });
});

describe(parseJson.name, () => {
  it('should parse UTF-8 JSON', () => {
    expect(parseJson(Buffer.from('{"a":"é"}'))).toEqual({ ok: true, value: { a: 'é' } });
  });

  it.each([
    ['a null value (tombstone)', null],
    ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d])],
    ['a truncated multi-byte sequence', Buffer.from([0x22, 0xc3, 0x22])],
    ['malformed JSON', Buffer.from('{"a":')],
    ['an empty value', Buffer.alloc(0)],
  ])('should reject %s as INVALID_JSON', (_case, value) => {
    const result = parseJson(value);
    expect(result.ok ? null : result.problem.reason).toBe('INVALID_JSON');
  });
});

describe(requireObject.name, () => {
  it.each([
    ['an array', []],
    ['null', null],
    ['a string', 'x'],
    ['a number', 1],
    ['a boolean', true],
  ])('should reject %s as NOT_AN_OBJECT', (_case, json) => {
    const result = requireObject(json);
    expect(result.ok ? null : result.problem.reason).toBe('NOT_AN_OBJECT');
  });
});

describe(readEventObject.name, () => {
  it('should report TOO_LARGE before INVALID_JSON', () => {
    const result = readEventObject(Buffer.from([0xff, 0xff, 0xff]), 2);
    expect(result.ok ? null : result.problem.reason).toBe('TOO_LARGE');
  });

  it('should report INVALID_JSON before NOT_AN_OBJECT', () => {
    const result = readEventObject(Buffer.from('[1,'), 100);
    expect(result.ok ? null : result.problem.reason).toBe('INVALID_JSON');
  });
});
