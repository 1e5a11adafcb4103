import type { z } from 'zod';
import { describeValue, invalidParameter, invalidParameterType } from './messages';
import { QueryError } from './query-error';

/** `query.filter[0].key` from a base path and zod's path segments. */
export function joinPath(base: string, segments: readonly PropertyKey[]): string {
  let out = base;
  for (const s of segments) {
    out = typeof s === 'number' ? `${out}[${s}]` : out ? `${out}.${String(s)}` : String(s);
  }
  return out;
}

function valueAt(input: unknown, segments: readonly PropertyKey[]): unknown {
  let cur = input;
  for (const s of segments) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, s)) return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[s];
  }
  return cur;
}

/**
 * The one mapping from a zod issue to the QueryError a client sees: an absent value is "required",
 * a wrong JSON type is INVALID_PARAMETER_TYPE, anything else INVALID_PARAMETER; the message names
 * the key and the offending value.
 */
export function issueToError(issue: z.core.$ZodIssue, base: string, input: unknown): QueryError {
  const key = joinPath(base, issue.path) || 'request';
  const value = valueAt(input, issue.path);
  if (issue.code !== 'unrecognized_keys' && value === undefined) {
    return QueryError.required(key);
  }
  switch (issue.code) {
    case 'invalid_type':
      return invalidParameterType(key, issue.expected, { value });
    case 'invalid_union': {
      const alternatives = issue.errors.flat();
      if (alternatives.some((i) => i.code === 'invalid_value')) {
        return invalidParameter(key, `unsupported value ${describeValue(value)}`);
      }
      const expected = alternatives.flatMap((i) => (i.code === 'invalid_type' ? [i.expected] : []));
      return expected.length > 0
        ? invalidParameterType(key, [...new Set(expected)].join(' or '), { value })
        : invalidParameter(key, `${issue.message} (value = ${describeValue(value)})`);
    }
    case 'invalid_value':
      return invalidParameter(
        key,
        `unsupported value ${describeValue(value)} (supported = ${issue.values.map((v) => String(v)).join(', ')})`,
      );
    case 'unrecognized_keys': {
      const field = issue.keys[0] ?? '';
      return invalidParameter(joinPath(key, [field]), `unknown field ${field}`);
    }
    case 'too_small':
    case 'too_big':
    case 'invalid_format':
    case 'not_multiple_of':
    case 'invalid_key':
    case 'invalid_element':
    case 'custom':
      return invalidParameter(key, `${issue.message} (value = ${describeValue(value)})`);
  }
}

/** Parses `input` with `schema`, reporting the first problem under the request path `base`. */
export function parseWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  base: string,
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  throw first ? issueToError(first, base, input) : invalidParameter(base || 'request', 'invalid');
}
