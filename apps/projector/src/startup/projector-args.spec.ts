import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseProjectorArgs, PROJECTOR_USAGE } from './projector-args';
import { tsEntryArgs } from '@app/testing';

const MAIN = join(__dirname, '../main.ts');

describe(parseProjectorArgs.name, () => {
  it('should serve when no command is given', () => {
    expect(parseProjectorArgs([])).toEqual({ kind: 'run', command: 'serve' });
  });

  it.each(['serve', 'rebuild'] as const)('should run %s', (command) => {
    expect(parseProjectorArgs([command])).toEqual({ kind: 'run', command });
  });

  it.each([['--help'], ['-h'], ['help']])('should answer %s with the usage', (flag) => {
    expect(parseProjectorArgs([flag])).toEqual({ kind: 'help' });
  });

  it('should refuse an unknown command, naming it', () => {
    expect(parseProjectorArgs(['rebiuld'])).toEqual({
      kind: 'bad',
      message: 'unknown command "rebiuld"',
    });
  });

  it('should refuse arguments after a command instead of ignoring them', () => {
    expect(parseProjectorArgs(['rebuild', '--dry-run', 'now'])).toEqual({
      kind: 'bad',
      message: '"rebuild" takes no arguments, got "--dry-run" "now"',
    });
  });
});

describe('projector main', () => {
  const main = (args: string[]) =>
    spawnSync(
      process.execPath,
      tsEntryArgs(MAIN, ...args),
      // A broken environment as well: the command line is refused before anything reads it or connects.
      { encoding: 'utf8', env: { ...process.env, KAFKA_BROKERS: 'not-a-broker' } },
    );

  it('should exit 2 with the reason and the usage on an extra argument, starting nothing', () => {
    const child = main(['rebuild', '--bogus']);

    expect(child.status).toBe(2);
    expect(child.stderr).toContain('"rebuild" takes no arguments, got "--bogus"');
    expect(child.stderr).toContain(PROJECTOR_USAGE);
  });

  it('should print the usage and exit 0 on --help', () => {
    const child = main(['--help']);

    expect({ status: child.status, stdout: child.stdout }).toEqual({
      status: 0,
      stdout: `${PROJECTOR_USAGE}\n`,
    });
  });
});
