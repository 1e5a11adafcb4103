import { QueryError } from '../../query-error';

/** Bounds on client input; beyond them a request is "absurd" (api.md) and gets a 400. */
export const MAX_KEYWORD_LENGTH = 1000;
export const MAX_CONDITIONS = 1000;
export const MAX_LIST_ITEMS = 1000;
/** Longer than any indexable keyword (errors.message has ignore_above 8191). */
export const MAX_STRING_VALUE_LENGTH = 10_000;
export const MAX_REGEX_LENGTH = 1000;
/** Wildcard/regexp clauses are costly (4,000 take over a second); ES itself stops at 16,384. */
export const MAX_SCOPE_CLAUSES = 1024;

/** Renders a client value for an error message without echoing megabytes back. */
export function describe(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function typeError(key: string, type: string): QueryError {
  return new QueryError(
    'ERROR_INVALID_PARAMETER_TYPE',
    `Parameter type is invalid. (key = ${key}, type = ${type})`,
  );
}

export function invalid(key: string, reason: string): QueryError {
  return QueryError.invalid(`Parameter is invalid. (key = ${key}, reason = ${reason})`);
}
