import { z } from 'zod';
import { invalid, typeError } from '../filter/parse/parse-limits';
import { QueryError } from '../query-error';

function pathOf(prefix: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, part) =>
      typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part),
    prefix,
  );
}

/** The first schema issue as a QueryError: wrong JSON types are INVALID_PARAMETER_TYPE. */
export function toQueryError(error: z.ZodError, prefix = ''): QueryError {
  const issue = error.issues[0];
  if (!issue) return QueryError.invalid('Parameter is invalid.');
  const key = pathOf(prefix, issue.path) || 'request';
  if (issue.code === 'invalid_type') return typeError(key, issue.expected);
  if (issue.code === 'invalid_union') {
    // A right-typed value outside an enum is a bad value, not a bad type.
    return issue.errors.flat().some((inner) => inner.code === 'invalid_value')
      ? invalid(key, 'not one of the allowed values')
      : typeError(key, 'see the API reference');
  }
  if (issue.code === 'unrecognized_keys') {
    return invalid(key, `unknown field ${issue.keys.join(', ')}`);
  }
  return invalid(key, issue.message);
}
