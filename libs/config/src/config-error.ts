import type { z } from 'zod';
import type { Contradiction } from './contradictions';

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

  /** Settings valid one by one that contradict each other; a variable left unset is shown with its default. */
  static fromProblems(
    problems: readonly Contradiction[],
    env: Readonly<Record<string, string>> = {},
  ): ConfigError {
    return new ConfigError(
      problems.map(({ variable, message, effective }) => {
        const value = env[variable];
        const shown =
          value === undefined
            ? ` (its default is ${String(effective)})`
            : gotClause(variable, value);
        return `${variable}: ${message}${shown}`;
      }),
    );
  }
}

/** A scheme, as far as a value that is not quite a URL (a stray space, one slash) has one. */
const SCHEME = /^\s*[a-z][a-z0-9+.-]*:\/*/i;
/** Redis URLs may carry the password as a parameter too. */
const PASSWORD_PARAMETER = /([?&]password=)[^&#]*/gi;

/**
 * A value as an error may repeat it. Everything before the last "@" is taken for a user and password, however
 * oddly spelled (a "/" or an "@" of its own, no "//"); what is usually wrong (scheme, host, port) is kept.
 */
export function redactedValue(value: string): string {
  const at = value.lastIndexOf('@');
  const scheme = SCHEME.exec(value)?.[0] ?? '';
  const withoutUser = at < 0 ? value : `${at >= scheme.length ? scheme : ''}***${value.slice(at)}`;
  return withoutUser.replace(PASSWORD_PARAMETER, '$1***');
}

function gotClause(variable: string, value: string | undefined): string {
  if (value === undefined || SECRET_VARIABLES.has(variable)) return '';
  const shown = redactedValue(value);
  const cut = shown.length > MAX_ECHOED_CHARS ? `${shown.slice(0, MAX_ECHOED_CHARS)}…` : shown;
  return ` (got ${JSON.stringify(cut)})`;
}
