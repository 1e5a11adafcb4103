import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApiKeyGrants } from '@app/config';
import { AuthenticateFailureError, PermissionDeniedError } from '../errors/api-error';

/** Who is asking: anyone (no keys configured) or the holder of one key with its grants. */
export type Caller = { kind: 'open' } | { kind: 'key'; domains: ReadonlySet<string> | 'all' };

type Grant = ReadonlySet<string> | 'all';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * `authorization` is the header's one value, or every value it was sent with (Node's `headersDistinct`).
 * A request that carries two is refused: a proxy in front may have checked the other one.
 */
export function identifyCaller(
  authorization: string | readonly string[] | undefined,
  grants: ApiKeyGrants,
): Caller {
  if (grants.size === 0) return { kind: 'open' };
  const header = typeof authorization === 'string' ? authorization : soleValue(authorization);
  const key = header === undefined ? undefined : BEARER.exec(header)?.[1];
  const domains = key === undefined ? undefined : grantOf(key, grants);
  if (domains === undefined) throw new AuthenticateFailureError();
  return { kind: 'key', domains };
}

export function assertMayRead(caller: Caller, domainId: string): void {
  if (caller.kind === 'open' || caller.domains === 'all') return;
  if (!caller.domains.has(domainId)) throw new PermissionDeniedError(domainId);
}

function soleValue(values: readonly string[] | undefined): string | undefined {
  return values?.length === 1 ? values[0] : undefined;
}

const digestsByGrants = new WeakMap<ApiKeyGrants, readonly { digest: Buffer; grant: Grant }[]>();

/**
 * Compares fixed-length digests in constant time, against every configured key without stopping at a
 * match: how long the lookup takes says nothing about how much of a key a guess got right, nor its length.
 */
function grantOf(key: string, grants: ApiKeyGrants): Grant | undefined {
  const presented = sha256(key);
  let found: Grant | undefined;
  for (const { digest, grant } of digestsOf(grants)) {
    if (timingSafeEqual(digest, presented)) found = grant;
  }
  return found;
}

function digestsOf(grants: ApiKeyGrants): readonly { digest: Buffer; grant: Grant }[] {
  let digests = digestsByGrants.get(grants);
  if (digests === undefined) {
    digests = [...grants].map(([key, grant]) => ({ digest: sha256(key), grant }));
    digestsByGrants.set(grants, digests);
  }
  return digests;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
