import { invalidParameter, invalidParameterType } from '../../errors/messages';
import type { QueryError } from '../../errors/query-error';

/** Bounds on client input; beyond them a request is "absurd" (api.md) and gets a 400. */
export const MAX_KEYWORD_LENGTH = 1000;
export const MAX_CONDITIONS = 1000;
export const MAX_LIST_ITEMS = 1000;
/** Longer than any indexable keyword (errors.message has ignore_above 8191). */
export const MAX_STRING_VALUE_LENGTH = 10_000;
export const MAX_REGEX_LENGTH = 1000;
/** Wildcard/regexp clauses are costly (4,000 take over a second); ES itself stops at 16,384. */
export const MAX_SCOPE_CLAUSES = 1024;

export { describeValue as describe } from '../../errors/messages';

/**
 * Whether `text` has more than `limit` characters (code points). `String.length` counts UTF-16
 * units, so it would refuse 501 emoji as "over 1000 characters"; a string no longer than the limit
 * in units cannot be over it in code points, so only a longer one is counted.
 */
export function exceedsCharacters(text: string, limit: number): boolean {
  if (text.length <= limit) return false;
  let count = 0;
  for (const _ of text) if (++count > limit) return true;
  return false;
}

/**
 * Half of a surrogate pair, which JSON can carry (`"\ud800"`) but no UTF-8 text holds: Elasticsearch
 * turns it into U+FFFD when it builds a term (measured on 8.19), so a value holding one would match
 * text it does not contain. In `u` mode a whole pair is one code point, so only a lone half matches.
 */
const LONE_SURROGATE = /\p{Cs}/u;

export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

export const LONE_SURROGATE_REASON =
  'holds half of a UTF-16 surrogate pair, which is not text (send the whole character)';

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function typeError(key: string, type: string, given?: { value: unknown }): QueryError {
  return invalidParameterType(key, type, given);
}

export function invalid(key: string, reason: string): QueryError {
  return invalidParameter(key, reason);
}
