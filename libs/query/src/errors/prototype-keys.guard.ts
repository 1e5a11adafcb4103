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

const joinKey = (path: string, key: string): string => (path ? `${path}.${key}` : key);

/** Throws ERROR_INVALID_PARAMETER naming the first reserved key found at any depth of `input`. */
export function assertNoReservedKeys(input: unknown, path = ''): void {
  if (Array.isArray(input)) {
    input.forEach((item, i) => assertNoReservedKeys(item, `${path}[${i}]`));
    return;
  }
  if (input === null || typeof input !== 'object') return;
  for (const key of Object.keys(input)) {
    if (isReservedName(key)) throw invalidParameter(joinKey(path, key), `unknown field ${key}`);
    assertNoReservedKeys((input as Record<string, unknown>)[key], joinKey(path, key));
  }
}
