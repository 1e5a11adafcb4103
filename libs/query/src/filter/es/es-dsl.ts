import { JsonObject } from '../../search-port';

/** Small constructors for the core queries the minimal ES distribution offers. */
export const matchAll = (): JsonObject => ({ match_all: {} });
export const matchNone = (): JsonObject => ({ match_none: {} });

export function allOf(queries: JsonObject[]): JsonObject {
  if (queries.length === 0) return matchAll();
  if (queries.length === 1 && queries[0]) return queries[0];
  return { bool: { filter: queries } };
}

export function anyOf(queries: JsonObject[]): JsonObject {
  if (queries.length === 0) return matchNone();
  if (queries.length === 1 && queries[0]) return queries[0];
  return { bool: { should: queries, minimum_should_match: 1 } };
}

/** Negation; `not(not(q))` collapses back to `q` so the DSL stays readable. */
export function not(query: JsonObject): JsonObject {
  const bool = query.bool as JsonObject | undefined;
  const mustNot = bool?.must_not as JsonObject[] | undefined;
  if (bool && Object.keys(bool).length === 1 && mustNot?.length === 1 && mustNot[0]) {
    return mustNot[0];
  }
  if ('match_all' in query) return matchNone();
  if ('match_none' in query) return matchAll();
  return { bool: { must_not: [query] } };
}

export const nested = (path: string, query: JsonObject): JsonObject => ({
  nested: { path, query },
});
export const exists = (field: string): JsonObject => ({ exists: { field } });
export const term = (field: string, value: unknown): JsonObject => ({ term: { [field]: value } });
export const terms = (field: string, values: unknown[]): JsonObject => ({
  terms: { [field]: values },
});
export const range = (field: string, bounds: JsonObject): JsonObject => ({
  range: { [field]: bounds },
});
