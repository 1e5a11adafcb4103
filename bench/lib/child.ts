import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { REPO } from './stack';
import { freePort } from '@app/testing';

const TAIL_LINES = 40;
const STOP_GRACE_MS = 15_000;

export interface Child {
  pid: number;
  name: string;
  exited: Promise<number | null>;
  /** The last lines the process printed, for error messages. */
  tail(): string;
  stop(): Promise<void>;
}

/** Starts a node process with its output kept in a small ring buffer; stop() is TERM, then KILL after a grace. */
export function startNode(
  name: string,
  nodeArgs: string[],
  env: Record<string, string>,
  onLine?: (line: string) => void,
): Child {
  const proc: ChildProcess = spawn(process.execPath, nodeArgs, {
    cwd: REPO,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (proc.pid === undefined) throw new Error(`${name}: could not start`);
  const lines: string[] = [];
  const keep = (chunk: Buffer): void => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim() === '') continue;
      onLine?.(line);
      lines.push(line);
      if (lines.length > TAIL_LINES) lines.shift();
    }
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) =>
    proc.once('exit', (code) => resolve(code)),
  );
  let done = false;
  void exited.then(() => (done = true));
  return {
    pid: proc.pid,
    name,
    exited,
    tail: () => lines.join('\n'),
    async stop(): Promise<void> {
      if (done) return;
      proc.kill('SIGTERM');
      const stopped = await Promise.race([exited.then(() => true), sleep(STOP_GRACE_MS, false)]);
      if (!stopped) proc.kill('SIGKILL');
      await exited;
    },
  };
}

/** Node arguments that run a bench worker (TypeScript) from source, like `npm run bench` itself. */
export function workerArgs(script: string, extra: string[] = []): string[] {
  return [
    ...extra,
    '-r',
    'ts-node/register/transpile-only',
    '-r',
    'tsconfig-paths/register',
    join(REPO, 'bench/workers', script),
  ];
}

/**
 * Runs a worker to completion and returns the JSON it printed last on stdout (workers print one result line).
 * Bounded: a worker that overruns is killed and reported with its output.
 */
export async function runWorker<T>(
  script: string,
  input: unknown,
  timeoutMs: number,
  onLine?: (line: string) => void,
): Promise<{ result: T; pid: number }> {
  let last = '';
  const child = startNode(
    script,
    workerArgs(script),
    { BENCH_WORKER_INPUT: JSON.stringify(input) },
    (line) => {
      if (line.startsWith('{"result"')) last = line;
      else onLine?.(line);
    },
  );
  const timer = setTimeout(() => void child.stop(), timeoutMs);
  const code = await child.exited.finally(() => clearTimeout(timer));
  if (code !== 0 || last === '') {
    throw new Error(`${script} failed (exit ${code}):\n${child.tail()}`);
  }
  return { result: (JSON.parse(last) as { result: T }).result, pid: child.pid };
}

/** Polls a URL until it answers 2xx; bounded. */
export async function waitForHttp(url: string, timeoutMs: number, child?: Child): Promise<void> {
  const until = Date.now() + timeoutMs;
  let exited = false;
  void child?.exited.then(() => (exited = true));
  while (Date.now() < until && !exited) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms${child ? `:\n${child.tail()}` : ''}`);
}

export { freePort };
