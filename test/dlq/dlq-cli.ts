import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { tsEntryArgs } from '@app/testing';

const REPO_ROOT = join(__dirname, '../..');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run dlq -- …` as an operator runs it, with the test's environment only. */
export function runDlqCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      tsEntryArgs('apps/dlq/src/main.ts', ...args),
      {
        cwd: REPO_ROOT,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
        timeout: 120_000,
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
