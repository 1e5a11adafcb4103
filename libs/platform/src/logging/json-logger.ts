import type { LoggerService } from '@nestjs/common';
import { jsonLine } from './json-line';

export type LogLevelName = 'debug' | 'info' | 'warn' | 'error';
const RANK: Record<LogLevelName, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** How Nest's ConsoleLogger tells a stack from a context when both arrive as strings. */
const STACK_FORMAT = /^(.)+\n\s+at .+:\d+:\d+/;

/**
 * One JSON object per line on stdout, so operators can ship logs without parsing prose. Nest's
 * `(message, context)`, `(message, stack)` and `(message, stack, context)` call shapes are all accepted.
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
  fatal(message: unknown, ...rest: unknown[]): void {
    this.emit('error', message, rest);
  }

  /** Structured entry point for our own code: a message plus fields (an Error among them keeps its code). */
  event(level: LogLevelName, msg: string, fields: Record<string, unknown> = {}): void {
    if (RANK[level] < RANK[this.minLevel]) return;
    this.write(jsonLine({ time: new Date().toISOString(), level, app: this.app, msg }, fields));
  }

  private emit(level: LogLevelName, message: unknown, rest: unknown[]): void {
    const params = [...rest];
    const fields: Record<string, unknown> = {};
    const last = params.at(-1);
    if (typeof last === 'string' && !STACK_FORMAT.test(last)) {
      fields.context = last;
      params.pop();
    }
    for (const param of params) {
      if (typeof param === 'string' && STACK_FORMAT.test(param)) fields.stack = param;
      else if (param instanceof Error) fields.cause = param;
    }
    if (message instanceof Error) {
      const code = (message as { code?: unknown }).code;
      fields.error = message.name;
      if (typeof code === 'string' || typeof code === 'number') fields.code = code;
      fields.stack = message.stack;
      this.event(level, message.message, fields);
    } else if (typeof message === 'object' && message !== null) {
      this.event(level, 'object', { ...fields, ...(message as Record<string, unknown>) });
    } else {
      this.event(level, String(message), fields);
    }
  }
}
