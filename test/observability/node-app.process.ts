import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { REPO_ROOT } from './observability.files';
import { tsEntryArgs } from '@app/testing';

/** A long-running program of this repository or a server binary, as a child process, with its output kept. */
export class ChildServer {
  private readonly output: string[] = [];
  private readonly child: ChildProcess;

  constructor(
    readonly name: string,
    command: string,
    args: string[],
    env: Record<string, string>,
  ) {
    this.child = spawn(command, args, {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => this.output.push(chunk.toString('utf8'));
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
  }

  /** The API as operators run it: `node … apps/api/src/main.ts`. */
  static api(name: string, env: Record<string, string>): ChildServer {
    return new ChildServer(name, process.execPath, tsEntryArgs('apps/api/src/main.ts'), env);
  }

  /** Polls `url` until it answers with one of `statuses`. */
  async waitFor(url: string, statuses: number[] = [200], timeoutMs = 90_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (this.child.exitCode !== null)
        throw new Error(`${this.name} exited early:\n${this.tail()}`);
      const status = await fetch(url, { signal: AbortSignal.timeout(3_000) })
        .then((r) => r.status)
        .catch(() => 0);
      if (statuses.includes(status)) return;
      await sleep(300);
    }
    throw new Error(
      `${this.name}: ${url} did not answer ${statuses.join('/')} within ${timeoutMs} ms:\n${this.tail()}`,
    );
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }

  tail(lines = 30): string {
    return this.output.join('').split('\n').slice(-lines).join('\n');
  }
}
