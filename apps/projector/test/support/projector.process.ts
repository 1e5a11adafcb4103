import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, tsEntryArgs } from '@app/testing';

const REPO_ROOT = join(__dirname, '../../../..');

export { freePort };

export interface ReadyReport {
  status: number;
  body: {
    status?: string;
    failing?: string[];
    checks?: Record<string, { ok: boolean; error?: string }>;
  };
}

/** The projector as operators run it: `node … apps/projector/src/main.ts` with its configuration in env vars. */
export class ProjectorProcess {
  readonly output: string[] = [];
  /** The exit code, or the signal that ended the process. */
  readonly exited: Promise<number | NodeJS.Signals | null>;
  private readonly child: ChildProcess;

  private constructor(
    readonly name: string,
    readonly port: number,
    env: Record<string, string>,
    args: string[],
  ) {
    this.child = spawn(process.execPath, tsEntryArgs('apps/projector/src/main.ts', ...args), {
      cwd: REPO_ROOT,
      // Only what node needs plus the test's configuration: a developer's shell must not leak settings in.
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        ...env,
        PROJECTOR_PORT: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => this.output.push(chunk.toString('utf8'));
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => resolve(code ?? signal)),
    );
  }

  static async start(
    name: string,
    env: Record<string, string>,
    args: string[] = [],
  ): Promise<ProjectorProcess> {
    return new ProjectorProcess(name, await freePort(), env, args);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  async ready(): Promise<ReadyReport> {
    try {
      const response = await fetch(`http://127.0.0.1:${this.port}/ready`, {
        signal: AbortSignal.timeout(5_000),
      });
      return { status: response.status, body: (await response.json()) as ReadyReport['body'] };
    } catch {
      return { status: 0, body: {} };
    }
  }

  async metrics(): Promise<string> {
    const response = await fetch(`http://127.0.0.1:${this.port}/metrics`, {
      signal: AbortSignal.timeout(5_000),
    });
    return response.text();
  }

  async waitUntilReady(timeoutMs = 90_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (this.child.exitCode !== null)
        throw new Error(`${this.name} exited early:\n${this.tail()}`);
      if ((await this.ready()).status === 200) return;
      await sleep(250);
    }
    throw new Error(`${this.name} not ready within ${timeoutMs} ms:\n${this.tail()}`);
  }

  kill(signal: NodeJS.Signals): void {
    if (this.child.exitCode === null) this.child.kill(signal);
  }

  /** SIGKILL as a last resort for cleanup; a test that wants a signal sends it itself. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  tail(lines = 30): string {
    return this.output.join('').split('\n').slice(-lines).join('\n');
  }
}
