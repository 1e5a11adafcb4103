/**
 * Every client mistake in a query is a QueryError with a stable SpaceONE error code; the API maps the
 * whole family to HTTP 400 in one place. Messages name the offending key or condition.
 */
export const QUERY_ERROR_CODES = [
  'ERROR_REQUIRED_PARAMETER',
  'ERROR_INVALID_PARAMETER',
  'ERROR_INVALID_PARAMETER_TYPE',
  'ERROR_OPERATOR_VALUE_TYPE',
  'ERROR_OPERATOR_LIST_VALUE_TYPE',
  'ERROR_OPERATOR_BOOLEAN_TYPE',
  'ERROR_OPERATOR_DICT_VALUE_TYPE',
] as const;
export type QueryErrorCode = (typeof QUERY_ERROR_CODES)[number];

export class QueryError extends Error {
  constructor(
    readonly code: QueryErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'QueryError';
  }

  static required(key: string): QueryError {
    return new QueryError('ERROR_REQUIRED_PARAMETER', `Required parameter. (key = ${key})`);
  }

  static invalid(message: string): QueryError {
    return new QueryError('ERROR_INVALID_PARAMETER', message);
  }
}
