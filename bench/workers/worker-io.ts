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

/** CPU seconds (user + system) this process used since `from` (the start of its measured window). */
export function cpuSecondsSince(from: NodeJS.CpuUsage | undefined): number {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1e6;
}
