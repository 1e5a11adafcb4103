import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { disabledWarnings, grpcJsLogger } from './foreign-logs';
import { JsonLogger } from './json-logger';

const ROOT = join(__dirname, '../../../..');

describe('logProcessWarnings', () => {
  function runWithNegativeTimer(nodeOptions: string) {
    const script = `
      const { JsonLogger } = require('./libs/platform/src/logging/json-logger.ts');
      const { logProcessWarnings } = require('./libs/platform/src/logging/foreign-logs.ts');
      logProcessWarnings(new JsonLogger('info', 'test'));
      setTimeout(() => undefined, -1796656543611);
      process.emitWarning('still written', 'ExperimentalWarning');`;
    return spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: nodeOptions },
    });
  }

  it("should write Node's warning about a negative timer (kafkajs arms one) as one JSON line, not as text", () => {
    const child = runWithNegativeTimer('');

    expect(child.stderr).toBe('');
    const lines = child.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      level: 'warn',
      app: 'test',
      source: 'node',
      warning: 'TimeoutNegativeWarning',
    });
  });

  it('should honour --disable-warning, which Node applies only in the printer it replaces', () => {
    const child = runWithNegativeTimer('--disable-warning=TimeoutNegativeWarning');

    expect(child.stderr).toBe('');
    const lines = child.stdout.trim().split('\n');
    expect(lines.map((line) => JSON.parse(line) as { warning: string })).toEqual([
      expect.objectContaining({ warning: 'ExperimentalWarning', msg: 'still written' }),
    ]);
  });
});

describe(disabledWarnings.name, () => {
  it('should read both spellings of the flag, by type or by code', () => {
    expect(
      disabledWarnings(['--inspect', '--disable-warning=DEP0040', '--disable-warning', 'X', '']),
    ).toEqual(new Set(['DEP0040', 'X']));
  });
});

describe(grpcJsLogger.name, () => {
  it('should write what grpc-js logs as JSON lines at its level', () => {
    const lines: string[] = [];
    const sut = grpcJsLogger(new JsonLogger('info', 'api', (line) => lines.push(line)));

    sut.error('No address added out of total %d resolved', 1);
    sut.debug('hidden below info');

    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual([
      expect.objectContaining({
        level: 'error',
        msg: 'No address added out of total 1 resolved',
        source: 'grpc-js',
      }),
    ]);
  });
});
