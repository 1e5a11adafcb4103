import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { processAlive, testStack } from '@app/testing';

const run = promisify(execFile);
const STACK = join(__dirname, '../scripts/stack.sh');
const STACK_HOME = testStack.home;
const PID_FILES = {
  kafka: join(STACK_HOME, 'kafka/kafka.pid'),
  elasticsearch: join(STACK_HOME, 'elasticsearch/es.pid'),
};

const stack = async (...args: string[]) =>
  (await run('bash', [STACK, ...args], { timeout: 300_000 })).stderr;
const pidOf = (file: string) => Number(readFileSync(file, 'utf8').trim());

/** Processes whose command line runs a JVM out of the stack's directory. */
async function stackJvms(): Promise<string[]> {
  const { stdout } = await run('ps', ['-eo', 'pid=,args=']);
  return stdout
    .split('\n')
    .filter((line) => line.includes('java') && line.includes(`${STACK_HOME}/`));
}

describe('the stack launcher', () => {
  it('should leave a running stack alone when brought up again', async () => {
    await stack('up');
    const before = { kafka: pidOf(PID_FILES.kafka), elasticsearch: pidOf(PID_FILES.elasticsearch) };
    const log = await stack('up');
    expect(log).toMatch(/kafka: already running/);
    expect(log).toMatch(/elasticsearch: already running/);
    expect({
      kafka: pidOf(PID_FILES.kafka),
      elasticsearch: pidOf(PID_FILES.elasticsearch),
    }).toEqual(before);
  });

  it('should leave no process behind when brought down, and come back up', async () => {
    const pids = [pidOf(PID_FILES.kafka), pidOf(PID_FILES.elasticsearch)];
    try {
      await stack('down', 'kafka', 'elasticsearch');
      expect(pids.filter(processAlive)).toEqual([]);
      await expect(stackJvms()).resolves.toEqual([]);
    } finally {
      await stack('up');
    }
    const { stdout } = await run('bash', [STACK, 'status']);
    expect(stdout).toMatch(/^kafka\s+ready/m);
    expect(stdout).toMatch(/^elasticsearch\s+ready/m);
  });
});
