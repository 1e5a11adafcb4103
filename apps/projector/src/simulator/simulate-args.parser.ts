export interface SimulateArgs {
  tasks: number;
  /** Events per second; 0 sends as fast as the broker accepts. */
  rate: number;
  seed: number;
  domains?: number;
  topic?: string;
  brokers?: string[];
}

export const SIMULATE_USAGE =
  'usage: simulate --tasks N --rate R --seed S [--domains D] [--topic T] [--brokers host:port,...]';

export class SimulateArgsError extends Error {
  readonly code = 'SIMULATE.BAD_ARGS';

  constructor(message: string) {
    super(`${message}\n${SIMULATE_USAGE}`);
    this.name = 'SimulateArgsError';
  }
}

const NUMERIC = new Set(['tasks', 'rate', 'seed', 'domains']);
const TEXT = new Set(['topic', 'brokers']);

export function parseSimulateArgs(argv: readonly string[]): SimulateArgs {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i] ?? '';
    const value = argv[i + 1];
    const name = flag.replace(/^--/, '');
    if (!flag.startsWith('--') || !(NUMERIC.has(name) || TEXT.has(name))) {
      throw new SimulateArgsError(`unknown argument "${flag}"`);
    }
    if (value === undefined || value.startsWith('--'))
      throw new SimulateArgsError(`${flag} needs a value`);
    values.set(name, value);
  }
  const number = (name: string, min: number): number | undefined => {
    const raw = values.get(name);
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isSafeInteger(n) || n < min)
      throw new SimulateArgsError(`--${name} must be an integer ≥ ${min}`);
    return n;
  };
  const tasks = number('tasks', 1);
  const rate = number('rate', 0);
  const seed = number('seed', 0);
  if (tasks === undefined || rate === undefined || seed === undefined) {
    throw new SimulateArgsError('--tasks, --rate and --seed are required');
  }
  const brokers = values
    .get('brokers')
    ?.split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  return {
    tasks,
    rate,
    seed,
    ...(values.has('domains') && { domains: number('domains', 1) }),
    ...(values.has('topic') && { topic: values.get('topic') }),
    ...(brokers && { brokers }),
  };
}
