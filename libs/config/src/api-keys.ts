import { z } from 'zod';

/**
 * API_KEYS maps each bearer key to the domains it may read: `key1=domain-a|domain-b,key2=*`.
 * Unset or empty means the API is open (the app warns at start-up).
 */
export type ApiKeyGrants = ReadonlyMap<string, ReadonlySet<string> | 'all'>;

const KEY_PATTERN = /^[A-Za-z0-9._~+/-]{16,}$/;

type Grant = ReadonlySet<string> | 'all';

export const apiKeys = z
  .string()
  .default('')
  .transform((raw, ctx): ApiKeyGrants => {
    const grants = new Map<string, Grant>();
    const entries = raw
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean);
    entries.forEach((entry, index) => {
      const position = index + 1;
      const at = entry.indexOf('=');
      const key = at < 0 ? '' : entry.slice(0, at).trim();
      const domains = at < 0 ? '' : entry.slice(at + 1).trim();
      if (!key || !domains || !KEY_PATTERN.test(key)) {
        ctx.addIssue({
          code: 'custom',
          message: `entry ${position} must be <key>=<domain>|<domain>… or <key>=*, with a key of at least 16 URL-safe characters`,
        });
        return;
      }
      const { grant, problem } = grantOf(domains);
      if (grant === undefined) {
        ctx.addIssue({ code: 'custom', message: `entry ${position} ${problem}` });
        return;
      }
      // A repeated key would silently keep only its last grant, narrowing or widening what it may read.
      if (grants.has(key)) {
        ctx.addIssue({
          code: 'custom',
          message: `entry ${position} repeats the key of an earlier entry; give each key once, its domains joined by |`,
        });
        return;
      }
      grants.set(key, grant);
    });
    return grants;
  });

/** The grant a domain list spells, or why it spells none. */
function grantOf(
  domains: string,
): { grant: Grant; problem?: never } | { grant?: never; problem: string } {
  if (domains === '*') return { grant: 'all' };
  const list = domains.split('|').map((d) => d.trim());
  if (list.includes('*'))
    return { problem: 'has * among its domains; * must stand alone (<key>=*)' };
  if (list.includes('')) {
    return { problem: 'has an empty domain in its list (two | in a row, or one at an end)' };
  }
  if (list.some((d) => d.includes('='))) {
    return {
      problem:
        'has a second "=" in it; an entry is <key>=<domain>|<domain>…, and entries are separated by commas',
    };
  }
  return { grant: new Set(list) };
}
