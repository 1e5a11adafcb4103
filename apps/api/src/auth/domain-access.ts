import type { ApiKeyGrants } from '@app/config';
import { AuthenticateFailureError, PermissionDeniedError } from '../errors/api-error';

/** Who is asking: anyone (no keys configured) or the holder of one key with its grants. */
export type Caller = { kind: 'open' } | { kind: 'key'; domains: ReadonlySet<string> | 'all' };

const BEARER = /^Bearer\s+(\S+)\s*$/i;

export function identifyCaller(authorization: string | undefined, grants: ApiKeyGrants): Caller {
  if (grants.size === 0) return { kind: 'open' };
  const key = authorization ? BEARER.exec(authorization)?.[1] : undefined;
  const domains = key === undefined ? undefined : grants.get(key);
  if (domains === undefined) throw new AuthenticateFailureError();
  return { kind: 'key', domains };
}

export function assertMayRead(caller: Caller, domainId: string): void {
  if (caller.kind === 'open' || caller.domains === 'all') return;
  if (!caller.domains.has(domainId)) throw new PermissionDeniedError(domainId);
}
