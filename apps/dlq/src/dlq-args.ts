import { DLQ_REASONS, type DlqReason } from '@app/domain';
import { asksForHelp } from '@app/platform';
import { z } from 'zod';

export class DlqArgsError extends Error {
  readonly code = 'DLQ.BAD_ARGUMENTS';

  constructor(message: string) {
    super(`${message}\n${USAGE}`);
    this.name = 'DlqArgsError';
  }
}

export const USAGE = `usage:
  npm run dlq -- help                                   (this text)
  npm run dlq -- summary
  npm run dlq -- show [--reason R] [--limit N]          (default limit 20)
  npm run dlq -- replay (--reason R | --offsets P:A-B) [--dry-run]
P:A-B is a partition of the dead-letter topic and an inclusive offset range, as \`show\` prints them.
Reasons: ${DLQ_REASONS.join(', ')}`;

export interface OffsetRange {
  partition: number;
  from: number;
  to: number;
}

export type DlqCommand =
  | { command: 'help' }
  | { command: 'summary' }
  | { command: 'show'; reason: DlqReason | null; limit: number }
  | {
      command: 'replay';
      select: { reason: DlqReason } | { offsets: OffsetRange };
      dryRun: boolean;
    };

function reasonOf(text: string): DlqReason {
  const reason = DLQ_REASONS.find((r) => r === text);
  if (reason === undefined) throw new DlqArgsError(`unknown reason ${JSON.stringify(text)}`);
  return reason;
}

// Digits only: Number() would also take "1e3", "0x10" and " 5", which no operator means as a count or an offset.
const wholeNumber = z
  .string()
  .regex(/^\d+$/)
  .transform(Number)
  .refine((n) => Number.isSafeInteger(n));

function offsetsOf(text: string): OffsetRange {
  const parts = /^([^:]+):([^-]+)(?:-(.+))?$/.exec(text);
  const [partition, from, to] = [parts?.[1], parts?.[2], parts?.[3] ?? parts?.[2]].map(
    (part) => wholeNumber.safeParse(part ?? '').data,
  );
  if (partition === undefined || from === undefined || to === undefined)
    throw new DlqArgsError(`--offsets must look like 0:10-20, got ${JSON.stringify(text)}`);
  if (to < from) throw new DlqArgsError(`--offsets ${text}: the range ends before it starts`);
  return { partition, from, to };
}

/** Splits `--name value` pairs and bare flags; anything unexpected is an error, never silently ignored. */
function options(args: readonly string[], valued: readonly string[], flags: readonly string[]) {
  const values = new Map<string, string>();
  const set = new Set<string>();
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    // The last of two values silently winning would replay what the operator did not mean.
    if (values.has(arg) || set.has(arg)) throw new DlqArgsError(`${arg} given twice`);
    if (flags.includes(arg)) set.add(arg);
    else if (valued.includes(arg)) {
      const value = args[i + 1];
      if (value === undefined || value.startsWith('--'))
        throw new DlqArgsError(`${arg} needs a value`);
      values.set(arg, value);
      i += 1;
    } else throw new DlqArgsError(`unexpected argument ${JSON.stringify(arg)}`);
  }
  return { values, set };
}

export function parseDlqArgs(argv: readonly string[]): DlqCommand {
  if (asksForHelp(argv)) return { command: 'help' };
  const [command, ...rest] = argv;
  switch (command) {
    case 'help':
      return { command: 'help' };
    case 'summary':
      options(rest, [], []);
      return { command };
    case 'show': {
      const { values } = options(rest, ['--reason', '--limit'], []);
      const limitText = values.get('--limit') ?? '20';
      const limit = wholeNumber.safeParse(limitText).data;
      if (limit === undefined || limit < 1)
        throw new DlqArgsError(`--limit must be a positive integer, got ${limitText}`);
      const reason = values.get('--reason');
      return { command, reason: reason === undefined ? null : reasonOf(reason), limit };
    }
    case 'replay': {
      const { values, set } = options(rest, ['--reason', '--offsets'], ['--dry-run']);
      const reason = values.get('--reason');
      const offsets = values.get('--offsets');
      if ((reason === undefined) === (offsets === undefined))
        throw new DlqArgsError('replay needs exactly one of --reason and --offsets');
      const select =
        reason !== undefined ? { reason: reasonOf(reason) } : { offsets: offsetsOf(offsets!) };
      return { command, select, dryRun: set.has('--dry-run') };
    }
    case undefined:
      throw new DlqArgsError('no command');
    default:
      throw new DlqArgsError(`unknown command ${JSON.stringify(command)}`);
  }
}
