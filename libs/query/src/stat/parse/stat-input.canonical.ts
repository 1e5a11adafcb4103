import { invalidParam } from '../stat.errors';

/**
 * proto3-JSON lets a client spell a field in snake_case or lowerCamelCase, and SpaceONE's `oneof`
 * aliases add k/n/o/v. Everything is renamed to the canonical snake_case long name before validation,
 * so the schema (and the OpenAPI document generated from it) has one spelling per field.
 */
const RENAMES: Readonly<Record<string, string>> = {
  k: 'key',
  n: 'name',
  o: 'operator',
  v: 'value',
  dateFormat: 'date_format',
  excludeKeys: 'exclude_keys',
  filterOr: 'filter_or',
  domainId: 'domain_id',
};

/** A JSON `null` is proto3's "field not set", except for a condition's google.protobuf.Value. */
const NULL_IS_A_VALUE = new Set(['value']);

export function canonicalName(name: string): string {
  return Object.hasOwn(RENAMES, name) ? (RENAMES[name] ?? name) : name;
}

export function canonicalize(input: unknown, path: string): unknown {
  if (Array.isArray(input)) return input.map((item, i) => canonicalize(item, `${path}[${i}]`));
  if (input === null || typeof input !== 'object') return input;
  const out: Record<string, unknown> = {};
  const spelledAs: Record<string, string> = {};
  for (const [name, value] of Object.entries(input)) {
    const canonical = canonicalName(name);
    if (value === null && !NULL_IS_A_VALUE.has(canonical)) continue;
    const earlier = spelledAs[canonical];
    if (earlier !== undefined) {
      throw invalidParam(`${path}.${canonical}`, `given twice (as ${earlier} and ${name})`);
    }
    spelledAs[canonical] = name;
    out[canonical] = canonicalize(value, `${path}.${canonical}`);
  }
  return out;
}
