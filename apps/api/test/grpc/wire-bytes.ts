/**
 * Hand-made protobuf bytes, for requests no well-behaved encoder would produce: protobufjs refuses
 * to encode a message nested past 100 levels and keeps only one member of a oneof.
 */
export function varint(n: number): Buffer {
  const bytes: number[] = [];
  let rest = n;
  while (rest > 0x7f) {
    bytes.push((rest & 0x7f) | 0x80);
    rest >>>= 7;
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}

/** A length-delimited field (wire type 2): a string, bytes or an embedded message. */
export function field(number: number, content: Buffer | string): Buffer {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return Buffer.concat([varint((number << 3) | 2), varint(bytes.length), bytes]);
}

/** google.protobuf.Value: string_value = 3, struct_value = 5; Struct: map<string, Value> fields = 1. */
export const stringValue = (text: string): Buffer => field(3, text);
const structValueOf = (key: string, value: Buffer): Buffer =>
  field(5, field(1, Buffer.concat([field(1, key), field(2, value)])));

/** `{"a": {"a": … "leaf" …}}` with `depth` objects around the leaf, as a google.protobuf.Value. */
export function nestedStructValue(depth: number, leaf = stringValue('x')): Buffer {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = structValueOf('a', value);
  return value;
}

/** The JSON twin of nestedStructValue. */
export function nestedObject(depth: number, leaf: unknown = 'x'): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

/** JobTaskQuery {query = 1 {filter = 1 [filter]}, domain_id = 9} around one encoded Filter. */
export const listRequestWithFilter = (filter: Buffer, domainId: string): Buffer =>
  Buffer.concat([field(1, field(1, filter)), field(9, domainId)]);
