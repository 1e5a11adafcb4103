import { format } from 'node:util';
import type { JsonLogger } from './json-logger';

/*
 * Libraries that write to stderr on their own, around the JSON log: each line of theirs would be prose in a
 * stream of JSON objects. Measured: kafkajs arms a timer with a negative delay on every start, which Node 24
 * reports as a TimeoutNegativeWarning in three lines of text; grpc-js reports a port in use as "E No address added…".
 */

/**
 * Node's process warnings (a negative timer, a deprecation) as JSON lines instead of Node's own text. Node applies
 * `--disable-warning` in the printer this replaces, so the flags are honoured here: scripts/node-env.sh disables
 * kafkajs's harmless negative timer, which would otherwise be a warning at every start.
 */
export function logProcessWarnings(logger: JsonLogger, target: NodeJS.Process = process): void {
  const disabled = disabledWarnings([
    ...target.execArgv,
    ...(target.env.NODE_OPTIONS ?? '').split(/\s+/),
  ]);
  // Node's own listener prints the text; the event itself still reaches ours.
  target.removeAllListeners('warning');
  target.on('warning', (warning: Error & { code?: unknown }) => {
    const code = typeof warning.code === 'string' ? warning.code : undefined;
    if (disabled.has(warning.name) || (code !== undefined && disabled.has(code))) return;
    logger.event('warn', warning.message, {
      source: 'node',
      warning: warning.name,
      ...(code !== undefined ? { code } : {}),
    });
  });
}

/** The types and codes named by `--disable-warning=X` (or `--disable-warning X`) among Node's options. */
export function disabledWarnings(options: readonly string[]): Set<string> {
  const disabled = new Set<string>();
  options.forEach((option, at) => {
    if (option.startsWith('--disable-warning='))
      disabled.add(option.slice('--disable-warning='.length));
    else if (option === '--disable-warning' && options[at + 1]) disabled.add(options[at + 1] ?? '');
  });
  return disabled;
}

/** A logger in the shape grpc-js's `setLogger` takes (its levels: error, info, debug). */
export function grpcJsLogger(logger: JsonLogger): Pick<Console, 'error' | 'info' | 'debug'> {
  const line =
    (level: 'error' | 'info' | 'debug') =>
    (message?: unknown, ...rest: unknown[]) =>
      logger.event(level, format(message, ...rest), { source: 'grpc-js' });
  return { error: line('error'), info: line('info'), debug: line('debug') };
}
