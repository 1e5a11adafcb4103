import { MalformedRequestError } from '../errors/api-error';

/**
 * GET carries JobTaskQuery as URL parameters: `query` is a JSON-encoded Query, the others are plain
 * values (repeated parameters become lists). The result is validated like a POST body.
 */
export function listParamsFromUrl(params: Record<string, unknown>): Record<string, unknown> {
  const { query, ...rest } = params;
  if (query === undefined) return rest;
  if (typeof query !== 'string') {
    throw new MalformedRequestError(
      'The "query" URL parameter must appear once, as a JSON-encoded object.',
    );
  }
  try {
    return { ...rest, query: JSON.parse(query) as unknown };
  } catch {
    throw new MalformedRequestError('The "query" URL parameter is not valid JSON.');
  }
}
