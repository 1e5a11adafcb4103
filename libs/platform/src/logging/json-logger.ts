import type { LoggerService } from '@nestjs/common';

export type LogLevelName = 'debug' | 'info' | 'warn' | 'error';
const RANK: Record<LogLevelName, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * One JSON object per line on stdout, so operators can ship logs without parsing prose. Nest's
 * `(message, context)` and `(message, stack, context)` call shapes are both accepted.
 */
export class JsonLogger implements LoggerService {
  constructor(
    private readonly minLevel: LogLevelName = 'info',
    private readonly app = 'jobtask',
    private readonly write: (line: string) => void = (line) => process.stdout.write(line + '\n'),
  ) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.emit('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.emit('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.emit('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.emit('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.emit('debug', message, rest);
  }

  /** Structured entry point for our own code: a message plus fields. */
  event(level: LogLevelName, msg: string, fields: Record<string, unknown> = {}): void {
    if (RANK[level] < RANK[this.minLevel]) return;
    this.write(
      JSON.stringify({ time: new Date().toISOString(), level, app: this.app, msg, ...fields }),
    );
  }

  private emit(level: LogLevelName, message: unknown, rest: unknown[]): void {
    const context = typeof rest.at(-1) === 'string' ? (rest.at(-1) as string) : undefined;
    const stack = rest.length > 1 && typeof rest[0] === 'string' ? rest[0] : undefined;
    const fields: Record<string, unknown> = {};
    if (context) fields.context = context;
    if (stack) fields.stack = stack;
    if (message instanceof Error) {
      fields.error = message.name;
      fields.stack = message.stack;
      this.event(level, message.message, fields);
    } else if (typeof message === 'object' && message !== null) {
      this.event(level, 'object', { ...fields, ...(message as Record<string, unknown>) });
    } else {
      this.event(level, String(message), fields);
    }
  }
}
