import { isUtf8 } from 'node:buffer';
import type { DecodeProblem } from './dlq-reason.types';

export type Step<T> = { ok: true; value: T } | { ok: false; problem: DecodeProblem };

export function checkSize(value: Buffer, maxValueBytes: number): Step<Buffer> {
  if (value.length <= maxValueBytes) return { ok: true, value };
  return {
    ok: false,
    problem: {
      reason: 'TOO_LARGE',
      message: `value is ${value.length} bytes, over the limit of ${maxValueBytes}`,
    },
  };
}

export function parseJson(value: Buffer | null): Step<unknown> {
  if (value === null) {
    return { ok: false, problem: { reason: 'INVALID_JSON', message: 'value is null (tombstone)' } };
  }
  // isUtf8 validates natively without building a string; toString then never meets a malformed sequence.
  if (!isUtf8(value)) {
    return { ok: false, problem: { reason: 'INVALID_JSON', message: 'value is not valid UTF-8' } };
  }
  // Like the WHATWG decoder, a leading byte-order mark is not part of the text.
  const hasBom = value.length >= 3 && value[0] === 0xef && value[1] === 0xbb && value[2] === 0xbf;
  const text = value.toString('utf8', hasBom ? 3 : 0);
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      problem: { reason: 'INVALID_JSON', message: `value is not JSON: ${detail}` },
    };
  }
}

export function requireObject(json: unknown): Step<Record<string, unknown>> {
  if (typeof json === 'object' && json !== null && !Array.isArray(json)) {
    return { ok: true, value: json as Record<string, unknown> };
  }
  const kind = json === null ? 'null' : Array.isArray(json) ? 'an array' : `a ${typeof json}`;
  return {
    ok: false,
    problem: { reason: 'NOT_AN_OBJECT', message: `value is ${kind}, not an object` },
  };
}

/** Size first (cheapest, and the only check that must not read the bytes), then text, then shape. */
export function readEventObject(
  value: Buffer | null,
  maxValueBytes: number,
): Step<Record<string, unknown>> {
  if (value !== null) {
    const sized = checkSize(value, maxValueBytes);
    if (!sized.ok) return sized;
  }
  const parsed = parseJson(value);
  return parsed.ok ? requireObject(parsed.value) : parsed;
}
