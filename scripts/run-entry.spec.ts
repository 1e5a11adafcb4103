import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const REPO_ROOT = join(__dirname, '..');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function runEntry(entry: string, env: Record<string, string>, cwd = REPO_ROOT): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      'bash',
      [join(REPO_ROOT, 'scripts/run-entry.sh'), entry],
      {
        cwd,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('scripts/run-entry.sh', () => {
  const dir = mkdtempSync(join(tmpdir(), 'run-entry-'));
  const entry = join(dir, 'print-settings.ts');
  const envFile = join(dir, 'settings.env');

  beforeAll(() => {
    // A .ts entry, so the run also proves the source path (ts-node) works from a file outside the project.
    writeFileSync(
      entry,
      "const pick = (k: string): string => process.env[k] ?? '<unset>';\n" +
        "process.stdout.write(JSON.stringify(['API_KEYS', 'EVENTS_TOPIC', 'LOG_LEVEL'].map(pick)));\n",
    );
    writeFileSync(
      envFile,
      [
        '# copied from .env.example',
        'API_KEYS=k1=domain-a|domain-b',
        'EVENTS_TOPIC=from-file',
        '',
      ].join('\n'),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('should give the program the settings file for what the environment leaves unset, values taken literally', async () => {
    const sut = await runEntry(entry, { JOBTASK_ENV_FILE: envFile, EVENTS_TOPIC: 'from-env' });

    expect(sut.stderr).not.toContain('ERROR');
    expect(sut.code).toBe(0);
    expect(JSON.parse(sut.stdout)).toEqual(['k1=domain-a|domain-b', 'from-env', '<unset>']);
  }, 60_000);

  it('should read .env from where npm runs it, and say nothing when there is none', async () => {
    // A .js entry (the build's kind) runs without ts-node, so any folder can stand for the repository's root.
    const root = mkdtempSync(join(dir, 'root-'));
    const js = join(root, 'print-topic.js');
    writeFileSync(js, "process.stdout.write(process.env.EVENTS_TOPIC ?? '<unset>');\n");

    const without = await runEntry(js, {}, root);
    writeFileSync(join(root, '.env'), 'EVENTS_TOPIC=from-dot-env\n');
    const withFile = await runEntry(js, {}, root);

    expect([without.code, without.stdout]).toEqual([0, '<unset>']);
    expect(without.stderr).not.toMatch(/\.env|not found/);
    expect([withFile.code, withFile.stdout]).toEqual([0, 'from-dot-env']);
  }, 60_000);

  it('should refuse a JOBTASK_ENV_FILE that does not exist rather than run on the defaults', async () => {
    const missing = join(dir, 'nope.env');

    const sut = await runEntry(entry, { JOBTASK_ENV_FILE: missing });

    expect(sut.code).toBe(2);
    expect(sut.stderr).toContain(`JOBTASK_ENV_FILE names ${missing}, which does not exist`);
    expect(sut.stdout).toBe('');
  }, 60_000);

  it('should be how every npm script that starts one of our programs runs it', () => {
    const scripts = (
      JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
        scripts: Record<string, string>;
      }
    ).scripts;

    const starters = [
      'api',
      'projector',
      'dlq',
      'simulate',
      'emit',
      'start:api',
      'start:projector',
    ];
    expect(
      starters.map((name) => [name, scripts[name]?.startsWith('bash scripts/run-entry.sh ')]),
    ).toEqual(starters.map((name) => [name, true]));
  });
});
