import { randomUUID } from 'node:crypto';
import type { Metadata } from '@grpc/grpc-js';

// The same rule as the HTTP x-request-id header: reuse a caller's id only when it is safe to log.
const SAFE_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** Every text value of a metadata key (gRPC metadata keys are lower-case; -bin keys carry bytes). */
export function metadataTexts(metadata: Metadata | undefined, key: string): string[] {
  return (metadata?.get(key) ?? []).filter((value) => typeof value === 'string');
}

/** The first text value of a metadata key. */
export function metadataText(metadata: Metadata | undefined, key: string): string | undefined {
  return metadataTexts(metadata, key)[0];
}

export function correlationIdOf(metadata: Metadata | undefined): string {
  const given = metadataText(metadata, 'x-request-id');
  return given && SAFE_ID.test(given) ? given : randomUUID();
}
