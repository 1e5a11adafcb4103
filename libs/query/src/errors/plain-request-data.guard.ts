import { invalidParameter } from './messages';

/**
 * Names that JavaScript objects treat specially. A request is plain data: such a key anywhere in it
 * would, once copied by assignment (`out[key] = value`), set a prototype instead of a field, and a
 * lookup by such a name finds `Object.prototype` members. So they are unknown fields, wherever they are.
 */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);

export function isReservedName(name: string): boolean {
  return RESERVED_NAMES.has(name);
}

/**
 * The deepest legitimate request (a stat condition's value inside a group field inside a stage) is
 * about ten levels deep. Every later step (the schemas, messages, the cache key) walks the request
 * recursively, so a body nested hundreds of thousands of levels deep — which fits in 1 MiB — would
 * exhaust the stack there; it is refused here, before any of them runs.
 */
export const MAX_REQUEST_DEPTH = 64;

const joinKey = (path: string, key: string): string => (path ? `${path}.${key}` : key);

/**
 * Throws ERROR_INVALID_PARAMETER naming the first place where `input` is not plain request data:
 * a reserved key, a value nested deeper than MAX_REQUEST_DEPTH, or a number that is not finite.
 * JSON.parse turns a literal such as `1e400` into Infinity and gRPC's double may be NaN; left alone,
 * either would later be reported as `null`, the only way JSON.stringify can render it.
 */
export function assertPlainRequestData(input: unknown, path = '', depth = 0): void {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) {
      throw invalidParameter(path || 'request', `${String(input)} is not a finite number`);
    }
    return;
  }
  if (input === null || typeof input !== 'object') return;
  if (depth >= MAX_REQUEST_DEPTH) {
    throw invalidParameter(path || 'request', `nested more than ${MAX_REQUEST_DEPTH} levels deep`);
  }
  if (Array.isArray(input)) {
    input.forEach((item, i) => assertPlainRequestData(item, `${path}[${i}]`, depth + 1));
    return;
  }
  for (const key of Object.keys(input)) {
    if (isReservedName(key)) throw invalidParameter(joinKey(path, key), `unknown field ${key}`);
    assertPlainRequestData((input as Record<string, unknown>)[key], joinKey(path, key), depth + 1);
  }
}
