/**
 * How the projector tells API caches that a domain's documents changed. Both apps build the Redis
 * keys here, so they cannot drift apart.
 *
 * After each flush the projector, in one MULTI, increments the domain's generation (orphaning every
 * cached answer of that domain) and sets a "recently written" marker that Redis expires after one
 * index refresh interval plus a margin. While the marker exists the API answers from Elasticsearch
 * without caching: an answer computed before the refresh must not be stored under the new
 * generation. Redis's own expiry does the timing, so the hosts' clocks never need to agree.
 */
export const READ_MODEL_REFRESH_MS = 1_000;
export const RECENT_WRITE_WINDOW_MS = READ_MODEL_REFRESH_MS + 200;

export function generationKey(prefix: string, domainId: string): string {
  return `${prefix}generation:${domainId}`;
}

export function recentWriteKey(prefix: string, domainId: string): string {
  return `${prefix}recently-written:${domainId}`;
}
