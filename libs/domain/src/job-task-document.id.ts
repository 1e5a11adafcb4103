import { createHash } from 'node:crypto';

/** Elasticsearch rejects an `_id` longer than 512 bytes of UTF-8. */
export const MAX_DOCUMENT_ID_BYTES = 512;

// Unpaired surrogates (possible in JSON strings) would all become U+FFFD in UTF-8, merging distinct ids.
const NEEDS_ESCAPE = /[%:]|[\uD800-\uDFFF]/gu;
const HAS_ESCAPE = /[%:\uD800-\uDFFF]/u;

function escapePart(part: string): string {
  // The common id needs no escaping: skip the replace and the string it would allocate.
  if (!HAS_ESCAPE.test(part)) return part;
  return part.replace(NEEDS_ESCAPE, (char) => {
    if (char === '%') return '%25';
    if (char === ':') return '%3A';
    return `%u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  });
}

/**
 * The `_id` of a task's document: `<domain_id>:<job_task_id>` with `%` and `:` percent-escaped, so the pair can
 * be read back unambiguously. Over 512 bytes it becomes `%sha256:<hex of the readable form>`; an escaped id only
 * ever has `%2`, `%3` or `%u` after a `%`, so a hashed id can never equal a readable one.
 */
export function jobTaskDocumentId(domainId: string, jobTaskId: string): string {
  const readable = `${escapePart(domainId)}:${escapePart(jobTaskId)}`;
  // A UTF-16 unit is at most 3 UTF-8 bytes, so a short id needs no byte count.
  if (readable.length * 3 <= MAX_DOCUMENT_ID_BYTES) return readable;
  if (Buffer.byteLength(readable, 'utf8') <= MAX_DOCUMENT_ID_BYTES) return readable;
  return `%sha256:${createHash('sha256').update(readable, 'utf8').digest('hex')}`;
}
