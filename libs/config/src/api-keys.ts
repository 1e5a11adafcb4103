import { z } from 'zod';

/**
 * API_KEYS maps each bearer key to the domains it may read: `key1=domain-a|domain-b,key2=*`.
 * Unset or empty means the API is open (the app warns at start-up).
 */
export type ApiKeyGrants = ReadonlyMap<string, ReadonlySet<string> | 'all'>;

const KEY_PATTERN = /^[A-Za-z0-9._~+/-]{16,}$/;

export const apiKeys = z
  .string()
  .default('')
  .transform((raw, ctx): ApiKeyGrants => {
    const grants = new Map<string, ReadonlySet<string> | 'all'>();
    for (const entry of raw
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean)) {
      const [key, domains] = entry.split('=', 2).map((p) => p.trim());
      if (!key || !domains || !KEY_PATTERN.test(key)) {
        ctx.addIssue({
          code: 'custom',
          message: `entry "${entry.slice(0, 8)}…" must be <key>=<domain>|<domain>… or <key>=*, with a key of at least 16 URL-safe characters`,
        });
        continue;
      }
      grants.set(key, domains === '*' ? 'all' : new Set(domains.split('|').map((d) => d.trim())));
    }
    return grants;
  });
