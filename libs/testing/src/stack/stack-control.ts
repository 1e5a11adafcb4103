import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const STACK_SCRIPT = join(__dirname, '../../../../scripts/stack.sh');

export type StackService = 'kafka' | 'elasticsearch' | 'redis';

/** Stops or starts one real server of the local stack, for fault tests. */
export async function stackDown(service: StackService): Promise<void> {
  await run('bash', [STACK_SCRIPT, 'down', service], { timeout: 120_000 });
}

export async function stackUp(service: StackService): Promise<void> {
  await run('bash', [STACK_SCRIPT, 'up', service], { timeout: 300_000 });
}
