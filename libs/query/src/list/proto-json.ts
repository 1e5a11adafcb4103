import { invalid, isPlainObject } from '../filter/parse/parse-limits';

/**
 * proto3 JSON accepts each field as its proto name (snake_case) or lowerCamelCase, and `null` for
 * "not set". This rewrites one message level to snake_case without nulls, rejecting a field given
 * under both names. Unknown fields are left for the schema to reject.
 */
export function protoJsonFields(
  raw: Record<string, unknown>,
  fields: readonly string[],
  path: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const byCamel = new Map(
    fields.map((f) => [f.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), f]),
  );
  for (const [name, value] of Object.entries(raw)) {
    const snake = fields.includes(name) ? name : (byCamel.get(name) ?? name);
    if (snake !== name && snake in raw) {
      throw invalid(`${path}${snake}`, `give either ${snake} or ${name}, not both`);
    }
    if (value !== null) out[snake] = value;
  }
  return out;
}

export { isPlainObject };
