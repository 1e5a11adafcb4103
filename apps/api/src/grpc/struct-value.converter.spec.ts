import { MalformedRequestError } from '../errors/api-error';
import { jsonToStruct, jsonToValue, structToJson, valueToJson } from './struct-value.converter';

describe(valueToJson.name, () => {
  it.each([
    ['a string', { stringValue: 'x' }, 'x'],
    ['an empty string', { stringValue: '' }, ''],
    ['a number', { numberValue: 1.5 }, 1.5],
    ['zero', { numberValue: 0 }, 0],
    ['a bool', { boolValue: false }, false],
    ['null', { nullValue: 'NULL_VALUE' }, null],
    ['null as the enum number', { nullValue: 0 }, null],
    ['a list', { listValue: { values: [{ stringValue: 'a' }, { numberValue: 2 }] } }, ['a', 2]],
    ['an empty list', { listValue: {} }, []],
    ['a struct', { structValue: { fields: { k: { boolValue: true } } } }, { k: true }],
  ])('should read %s', (_, value, json) => {
    expect(valueToJson(value)).toEqual(json);
  });

  it('should treat a Value without a kind as not given', () => {
    expect(valueToJson({})).toBeUndefined();
    expect(valueToJson(undefined)).toBeUndefined();
  });

  it('should turn a kind-less list item into null, as JSON arrays cannot skip one', () => {
    expect(valueToJson({ listValue: { values: [{}, { stringValue: 'a' }] } })).toEqual([null, 'a']);
  });

  it('should refuse a Value that sets two kinds, which protobuf would read as the last one', () => {
    const twoKinds = { stringValue: 'a', numberValue: 5 };
    expect(() => valueToJson(twoKinds)).toThrow(MalformedRequestError);
    expect(() =>
      valueToJson({ listValue: { values: [{ boolValue: true, nullValue: 0 }] } }),
    ).toThrow(
      'A google.protobuf.Value sets more than one kind. (key = request, reason = boolValue and nullValue are one oneof)',
    );
  });

  it('should pass NaN and infinities on for the request parsers to refuse by their path', () => {
    expect(valueToJson({ numberValue: Number.NaN })).toBeNaN();
    expect(valueToJson({ numberValue: -Infinity })).toBe(-Infinity);
  });
});

describe(structToJson.name, () => {
  it('should read nested structs and lists and drop kind-less fields', () => {
    const struct = {
      fields: {
        a: { structValue: { fields: { b: { listValue: { values: [{ nullValue: 0 }] } } } } },
        unset: {},
      },
    };
    expect(structToJson(struct)).toEqual({ a: { b: [null] } });
  });

  it('should keep a "__proto__" key as data, not as a prototype', () => {
    const fields: Record<string, object> = {};
    Object.defineProperty(fields, '__proto__', {
      value: { stringValue: 'x' },
      enumerable: true,
    });
    const json = structToJson({ fields });
    expect(Object.getPrototypeOf(json)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(json, '__proto__')?.value).toBe('x');
  });

  it('should read an empty or missing struct as {}', () => {
    expect(structToJson({})).toEqual({});
    expect(structToJson(undefined)).toEqual({});
  });
});

describe(jsonToValue.name, () => {
  it.each([
    ['a string', 'x', { stringValue: 'x' }],
    ['a number', -2, { numberValue: -2 }],
    ['a bool', true, { boolValue: true }],
    ['null', null, { nullValue: 'NULL_VALUE' }],
    ['NaN, which JSON renders as null', Number.NaN, { nullValue: 'NULL_VALUE' }],
    ['a Date, by its JSON form', new Date(0), { stringValue: '1970-01-01T00:00:00.000Z' }],
    [
      'a list',
      [1, null],
      { listValue: { values: [{ numberValue: 1 }, { nullValue: 'NULL_VALUE' }] } },
    ],
    ['an object', { a: 'b' }, { structValue: { fields: { a: { stringValue: 'b' } } } }],
  ])('should write %s', (_, json, value) => {
    expect(jsonToValue(json)).toEqual(value);
  });

  it('should write -0 as 0, as the REST answer (JSON.stringify) does', () => {
    expect(Object.is(jsonToValue(-0).numberValue, 0)).toBe(true);
    expect(Object.is(jsonToValue({ n: -0 }).structValue?.fields?.n?.numberValue, 0)).toBe(true);
  });

  it('should round-trip through valueToJson', () => {
    const json = { results: [{ n: 1, s: 'x', t: true, z: null, l: [[1], { k: [] }] }] };
    expect(valueToJson(jsonToValue(json))).toEqual(json);
  });
});

describe(jsonToStruct.name, () => {
  it('should leave out keys JSON.stringify would leave out', () => {
    const struct = jsonToStruct({ a: 1, gone: undefined, fn: () => 1 });
    expect(struct).toEqual({ fields: { a: { numberValue: 1 } } });
  });
});
