import { MalformedRequestError } from '../errors/api-error';

/**
 * Express parses the URL with Node's querystring, which keeps the first 1000 parameters and drops the
 * rest without a word: a filter past them would silently not apply.
 */
export const MAX_URL_PARAMETERS = 1000;

/**
 * GET carries JobTaskQuery as URL parameters: `query` is a JSON-encoded Query, the others are plain
 * values (repeated parameters become lists). The result is validated like a POST body. `search` is
 * the URL's raw query string, counted to refuse a URL whose parameters were not all parsed.
 */
export function listParamsFromUrl(
  params: Record<string, unknown>,
  search = '',
): Record<string, unknown> {
  const given = new URLSearchParams(search).size;
  if (given > MAX_URL_PARAMETERS) {
    throw new MalformedRequestError(
      `Parameter is invalid. (key = request, reason = ${given} URL parameters, more than the ${MAX_URL_PARAMETERS} a GET may carry; send the request as a POST body)`,
    );
  }
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
