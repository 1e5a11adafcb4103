import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { tsEntryArgs } from '@app/testing';

const MAIN = join(__dirname, 'main.ts');

/** The API's entry point as a process; a broken environment too, which an argument error must come before. */
function api(args: string[]) {
  return spawnSync(process.execPath, tsEntryArgs(MAIN, ...args), {
    encoding: 'utf8',
    env: { ...process.env, API_PORT: 'not-a-port' },
  });
}

describe('api main', () => {
  it('should refuse an argument with exit 2 and the usage, starting nothing', () => {
    const child = api(['--port', '3000']);

    expect(child.status).toBe(2);
    expect(child.stderr).toContain('unexpected argument "--port"');
    expect(child.stderr).toContain('usage: api');
  });

  it('should print the usage and exit 0 on --help', () => {
    const child = api(['--help']);

    expect(child.status).toBe(0);
    expect(child.stdout).toContain('it takes no arguments');
  });

  it('should exit 1 naming the variable on a bad environment', () => {
    const child = api([]);

    expect(child.status).toBe(1);
    expect(child.stderr).toContain('API_PORT: must be a port number');
  });
});
