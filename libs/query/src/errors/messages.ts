import { QueryError } from './query-error';

/**
 * SpaceONE's message templates (python-core error.py), spelled once, so clients that parse them keep
 * working. Every message names the offending key; a reason names the offending value where there is
 * one (`describeValue`).
 */
export function invalidParameter(key: string, reason: string): QueryError {
  return QueryError.invalid(`Parameter is invalid. (key = ${key}, reason = ${reason})`);
}

/** `given` carries the offending value when the caller has it (absent ≠ `undefined`). */
export function invalidParameterType(
  key: string,
  type: string,
  given?: { value: unknown },
): QueryError {
  const got = given ? `, value = ${describeValue(given.value)}` : '';
  return new QueryError(
    'ERROR_INVALID_PARAMETER_TYPE',
    `Parameter type is invalid. (key = ${key}, type = ${type}${got})`,
  );
}

export function requiredParameter(key: string): QueryError {
  return QueryError.required(key);
}

/** Renders a client value for an error message without echoing megabytes back. */
export function describeValue(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** The request itself is not a JSON object (an array, a string…): no field is wrong, the body is. */
export function notAJsonObject(body: unknown): QueryError {
  // No body at all (nothing sent, or no JSON content to parse) has no value to quote.
  if (body === undefined) {
    return invalidParameter('request', 'the request must be a JSON object, and the body is empty');
  }
  const what = Array.isArray(body) ? 'a list' : body === null ? 'null' : `a ${typeof body}`;
  return invalidParameter(
    'request',
    `the request must be a JSON object, not ${what} (value = ${describeValue(body)})`,
  );
}
