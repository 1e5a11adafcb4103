import type { z } from 'zod';

/** Variables whose values are never repeated in an error: they hold credentials. */
const SECRET_VARIABLES = new Set(['API_KEYS']);
const MAX_ECHOED_CHARS = 60;

/** Raised at boot when the environment is unusable; the message names every bad variable and what it was set to. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';

  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }

  /** `env` is what was parsed: each problem quotes its variable's value, except a secret's and a URL's credentials. */
  static fromZod(error: z.ZodError, env: Readonly<Record<string, string>> = {}): ConfigError {
    return new ConfigError(
      error.issues.map((issue) => {
        const name = issue.path.map(String).join('.') || '(env)';
        const variable = issue.path[0];
        const value = typeof variable === 'string' ? env[variable] : undefined;
        return `${name}: ${issue.message}${gotClause(String(variable), value)}`;
      }),
    );
  }
}

function gotClause(variable: string, value: string | undefined): string {
  if (value === undefined || SECRET_VARIABLES.has(variable)) return '';
  // A URL may carry a user and password (redis://:secret@host): keep the rest, which is what is usually wrong.
  const shown = value.replace(/\/\/[^/@\s]*@/, '//***@');
  const cut = shown.length > MAX_ECHOED_CHARS ? `${shown.slice(0, MAX_ECHOED_CHARS)}…` : shown;
  return ` (got ${JSON.stringify(cut)})`;
}
