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
 * A `global` aggregation ignores the query, and with it the tenant filter. No planner emits one;
 * this makes sure none ever does.
 */
export function assertNoGlobalAggregation(aggs: unknown): void {
  if (aggs === null || typeof aggs !== 'object') return;
  for (const [name, definition] of Object.entries(aggs as Record<string, unknown>)) {
    if (definition === null || typeof definition !== 'object') continue;
    if ('global' in definition)
      throw new Error(`aggregation "${name}" is global, which would escape the domain scope`);
    const nested =
      (definition as Record<string, unknown>).aggs ??
      (definition as Record<string, unknown>).aggregations;
    assertNoGlobalAggregation(nested);
  }
}
