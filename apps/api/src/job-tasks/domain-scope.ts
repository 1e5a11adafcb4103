import type { JsonObject } from '@app/query';

/** AND-s the tenant filter around a planned query; the planned query can narrow it, never widen it. */
export function scopeToDomain(domainId: string, query: JsonObject | undefined): JsonObject {
  return {
    bool: {
      filter: [{ term: { domain_id: domainId } }],
      ...(query ? { must: [query] } : {}),
    },
  };
}

/**
 * A planned search that could see past the tenant filter. No planner builds one; this is a bug, so it
 * is a 500 and nothing is sent.
 */
export class DomainScopeEscapeError extends Error {}

/**
 * Aggregations that answer from more than the documents the query matched, and with that from other
 * domains' documents:
 * - `global` ignores the query;
 * - `significant_terms` / `significant_text` report background counts over the whole index;
 * - `min_doc_count: 0` (terms, histograms) adds a bucket, count 0, for every value in the shard,
 *   which names other domains' job ids, providers, error codes.
 * No planner emits any of them; this makes sure none ever does.
 */
export function assertAggregationsInScope(aggs: unknown): void {
  if (aggs === null || typeof aggs !== 'object') return;
  for (const [name, definition] of Object.entries(aggs as Record<string, unknown>)) {
    if (definition === null || typeof definition !== 'object') continue;
    const escape = scopeEscapeOf(definition as Record<string, unknown>);
    if (escape !== undefined) {
      throw new DomainScopeEscapeError(
        `aggregation "${name}" ${escape}, which would escape the domain scope`,
      );
    }
    const nested =
      (definition as Record<string, unknown>).aggs ??
      (definition as Record<string, unknown>).aggregations;
    assertAggregationsInScope(nested);
  }
}

const UNSCOPED_TYPES = ['global', 'significant_terms', 'significant_text'];

function scopeEscapeOf(definition: Record<string, unknown>): string | undefined {
  for (const [type, body] of Object.entries(definition)) {
    if (UNSCOPED_TYPES.includes(type)) return `is ${type}`;
    const minDocCount = (body as { min_doc_count?: unknown } | null)?.min_doc_count;
    if (minDocCount !== undefined && Number(minDocCount) < 1)
      return `is a ${type} with min_doc_count 0`;
  }
  return undefined;
}
