import { MalformedRequestError } from '../errors/api-error';
import type { StructMessage, ValueMessage } from './job-task.messages';

const KINDS = [
  'structValue',
  'listValue',
  'stringValue',
  'numberValue',
  'boolValue',
  'nullValue',
] as const;

/**
 * google.protobuf.Value → the JSON value it carries; `undefined` when no kind is set. Its kinds are
 * a oneof: protobuf keeps the last one on the wire, but protobufjs decodes every one it finds, so
 * a hand-made Value with two is refused rather than read as whichever this function tries first.
 */
export function valueToJson(value: ValueMessage | null | undefined): unknown {
  if (!value) return undefined;
  const kinds = KINDS.filter((kind) => value[kind] != null);
  if (kinds.length > 1) {
    throw new MalformedRequestError(
      `A google.protobuf.Value sets more than one kind. (key = request, reason = ${kinds.join(' and ')} are one oneof)`,
    );
  }
  if (value.structValue != null) return structToJson(value.structValue);
  if (value.listValue != null) {
    return (value.listValue.values ?? []).map((item) => valueToJson(item) ?? null);
  }
  if (value.stringValue != null) return value.stringValue;
  // NaN and ±Infinity are passed on: the request parsers refuse them naming where they are.
  if (value.numberValue != null) return value.numberValue;
  if (value.boolValue != null) return value.boolValue;
  if (value.nullValue != null) return null;
  return undefined;
}

/** Built with fromEntries so that a "__proto__" map key stays an ordinary key. */
export function structToJson(struct: StructMessage | null | undefined): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(struct?.fields ?? {})
      .map(([key, value]) => [key, valueToJson(value)] as const)
      .filter(([, json]) => json !== undefined),
  );
}

/** A JSON value (as JSON.stringify would see it) → google.protobuf.Value. */
export function jsonToValue(input: unknown): ValueMessage {
  const json = withToJson(input);
  switch (typeof json) {
    case 'string':
      return { stringValue: json };
    case 'number':
      // As JSON.stringify does: -0 is written 0, a non-finite number null.
      return Number.isFinite(json) ? { numberValue: json + 0 } : { nullValue: 'NULL_VALUE' };
    case 'bigint':
      return { numberValue: Number(json) };
    case 'boolean':
      return { boolValue: json };
    case 'object':
      if (json === null) return { nullValue: 'NULL_VALUE' };
      if (Array.isArray(json)) return { listValue: { values: json.map(jsonToValue) } };
      return { structValue: jsonToStruct(json as Record<string, unknown>) };
    case 'undefined':
    case 'function':
    case 'symbol':
      return { nullValue: 'NULL_VALUE' };
  }
}

/** Like JSON.stringify, keys whose value has no JSON form (undefined, functions) are left out. */
export function jsonToStruct(object: Record<string, unknown>): StructMessage {
  return {
    fields: Object.fromEntries(
      Object.entries(object)
        .filter(([, value]) => hasJsonForm(withToJson(value)))
        .map(([key, value]) => [key, jsonToValue(value)]),
    ),
  };
}

function withToJson(value: unknown): unknown {
  const toJSON = (value as { toJSON?: unknown } | null | undefined)?.toJSON;
  return typeof toJSON === 'function' ? (toJSON as () => unknown).call(value) : value;
}

function hasJsonForm(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}
