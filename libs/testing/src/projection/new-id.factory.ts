import { randomUUID } from 'node:crypto';

/** A fresh unique id, shaped like the UUIDs emitters use; a prefix helps reading failing assertions. */
export function newId(prefix?: string): string {
  return prefix === undefined ? randomUUID() : `${prefix}-${randomUUID()}`;
}
