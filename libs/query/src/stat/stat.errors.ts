import type { z } from 'zod';
import { QueryError } from '../query-error';

/** SpaceONE's message templates (python-core error.py), so clients that parse them keep working. */
export function invalidParam(key: string, reason: string): QueryError {
  return new QueryError(
    'ERROR_INVALID_PARAMETER',
    `Parameter is invalid. (key = ${key}, reason = ${reason})`,
  );
}

export function invalidType(key: string, type: string): QueryError {
  return new QueryError(
    'ERROR_INVALID_PARAMETER_TYPE',
    `Parameter type is invalid. (key = ${key}, type = ${type})`,
  );
}

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
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[s];
  }
  return cur;
}

/** Turns the first zod issue into the QueryError a client sees; absent values are "required". */
export function issueToError(issue: z.core.$ZodIssue, base: string, input: unknown): QueryError {
  const key = joinPath(base, issue.path);
  if (issue.code !== 'unrecognized_keys' && valueAt(input, issue.path) === undefined) {
    return QueryError.required(key);
  }
  switch (issue.code) {
    case 'invalid_type':
      return invalidType(key, issue.expected);
    case 'invalid_union': {
      const expected = issue.errors.flatMap((alt) =>
        alt.flatMap((i) => (i.code === 'invalid_type' ? [i.expected] : [])),
      );
      return expected.length > 0
        ? invalidType(key, expected.join(' or '))
        : invalidParam(key, issue.message);
    }
    case 'invalid_value':
      return invalidParam(
        key,
        `unsupported value (supported = ${issue.values.map((v) => String(v)).join(', ')})`,
      );
    case 'unrecognized_keys':
      return invalidParam(joinPath(key, [issue.keys[0] ?? '']), 'unknown key');
    case 'too_small':
    case 'too_big':
    case 'invalid_format':
    case 'not_multiple_of':
    case 'invalid_key':
    case 'invalid_element':
    case 'custom':
      return invalidParam(key, issue.message);
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
  throw first ? issueToError(first, base, input) : invalidParam(base, 'invalid');
}

export function tooManyGroups(maxGroups: number, what = 'groups'): QueryError {
  return invalidParam(
    'query.aggregate',
    `the result has more than ${maxGroups} ${what}; narrow the filter or group by fewer keys`,
  );
}
