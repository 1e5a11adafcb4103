import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  API_VARIABLES,
  loadApiConfig,
  loadProjectorConfig,
  PROJECTOR_VARIABLES,
} from '@app/config';

const ROOT = join(__dirname, '../../..');
const EXAMPLE = join(ROOT, '.env.example');
/** What bash sets by itself in `env -i bash -c …`, not read from the file. */
const BASH_OWN = new Set(['PWD', 'SHLVL', '_', 'OLDPWD']);

/** The file as scripts/dev.sh reads a .env: `set -a; . ./.env` in bash, with nothing else in the environment. */
function exampleAsLoaded(): Record<string, string> {
  const bash = spawnSync(
    'env',
    ['-i', 'bash', '--noprofile', '--norc', '-c', 'set -a; . "$1"; env', '_', EXAMPLE],
    {
      encoding: 'utf8',
    },
  );
  if (bash.status !== 0) throw new Error(`bash could not source .env.example: ${bash.stderr}`);
  return Object.fromEntries(
    bash.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as const)
      .filter(([name]) => !BASH_OWN.has(name)),
  );
}

const everyVariable = [...new Set([...PROJECTOR_VARIABLES, ...API_VARIABLES])].sort();

describe('.env.example', () => {
  it('should list exactly the variables the apps read', () => {
    expect(Object.keys(exampleAsLoaded()).sort()).toEqual(everyVariable);
  });

  it('should list each variable once', () => {
    const names = readFileSync(EXAMPLE, 'utf8')
      .split('\n')
      .map((line) => /^([A-Z0-9_]+)=/.exec(line)?.[1])
      .filter((name) => name !== undefined);
    expect(names).toHaveLength(new Set(names).size);
  });

  it('should give every variable its real default', () => {
    const example = exampleAsLoaded();
    expect(loadProjectorConfig(example)).toEqual(loadProjectorConfig({}));
    expect(loadApiConfig(example)).toEqual(loadApiConfig({}));
  });
});

describe('README, "Configuration"', () => {
  it('should name only variables the apps read', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(
      readme.indexOf('## Configuration'),
      readme.indexOf('## Operations'),
    );
    const named = [...section.matchAll(/^\| (.+?) \|/gm)].flatMap((row) =>
      [...(row[1] ?? '').matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1]),
    );
    expect(named.length).toBeGreaterThan(10);
    expect(named.filter((name) => !everyVariable.includes(name ?? ''))).toEqual([]);
  });
});
