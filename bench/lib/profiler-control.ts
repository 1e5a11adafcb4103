import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** The environment and node flag that load bench/workers/cpu-profile-hook into an app. */
export function profiledProcess(
  hook: string,
  base: string,
): { nodeFlags: string[]; extraEnv: Record<string, string> } {
  return { nodeFlags: ['-r', hook], extraEnv: { BENCH_CPU_PROFILE: base } };
}

/** Starts and stops the V8 profiler of a process started with profiledProcess() (SIGWINCH toggles it). */
export class ProfilerControl {
  private stops = 0;

  constructor(
    private readonly pid: number,
    private readonly base: string,
  ) {}

  start(): void {
    process.kill(this.pid, 'SIGWINCH');
  }

  /** Stops the profiler and waits (bounded) for its file; returns the file's path. */
  async stop(): Promise<string> {
    process.kill(this.pid, 'SIGWINCH');
    this.stops += 1;
    const file = `${this.base}-${this.stops}.cpuprofile`;
    for (let i = 0; i < 100 && !existsSync(file); i += 1) await sleep(100);
    if (!existsSync(file)) throw new Error(`process ${this.pid} wrote no profile to ${file}`);
    return file;
  }
}
