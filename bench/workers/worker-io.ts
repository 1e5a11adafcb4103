import { cpuWindow, type CpuSplit } from '../lib/proc';

/** How bench workers receive their input (one JSON env var) and report (one `{"result": …}` line on stdout). */

export function workerInput<T>(): T {
  const raw = process.env.BENCH_WORKER_INPUT;
  if (raw === undefined)
    throw new Error('BENCH_WORKER_INPUT is not set; workers are started by the bench');
  return JSON.parse(raw) as T;
}

export function reportResult(result: unknown): void {
  process.stdout.write(`${JSON.stringify({ result })}\n`);
}

/** Wall-clock milliseconds with sub-millisecond resolution, comparable across processes. */
export const nowMs = (): number => performance.timeOrigin + performance.now();

export function runWorkerMain(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(
        `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}

/**
 * A worker's measured window: from its first record to its last, with the CPU every process of interest (the
 * worker itself and the JVMs, by pid) used in exactly that window.
 */
export class ActiveWindow {
  first: number | null = null;
  last: number | null = null;
  cpu: CpuSplit | null = null;
  private accounting: { stop(): CpuSplit } | null = null;

  constructor(private readonly pids: Record<string, number | undefined>) {}

  begin(): void {
    if (this.first !== null) return;
    this.first = nowMs();
    this.accounting = cpuWindow({ worker: process.pid, ...this.pids });
  }

  end(): void {
    if (this.first === null || this.last !== null) return;
    this.last = nowMs();
    this.cpu = this.accounting?.stop() ?? null;
  }

  get ms(): number {
    return this.first === null || this.last === null ? NaN : this.last - this.first;
  }
}
