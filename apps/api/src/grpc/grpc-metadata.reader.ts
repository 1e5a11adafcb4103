import { randomUUID } from 'node:crypto';
import type { Metadata } from '@grpc/grpc-js';

// The same rule as the HTTP x-request-id header: reuse a caller's id only when it is safe to log.
const SAFE_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** The first string value of a metadata key (gRPC metadata keys are lower-case). */
export function metadataText(metadata: Metadata | undefined, key: string): string | undefined {
  const value = metadata?.get(key)[0];
  return typeof value === 'string' ? value : undefined;
}

export function correlationIdOf(metadata: Metadata | undefined): string {
  const given = metadataText(metadata, 'x-request-id');
  return given && SAFE_ID.test(given) ? given : randomUUID();
}
