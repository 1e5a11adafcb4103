import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO } from './stack';

const run = promisify(execFile);

export interface AppBuild {
  dir: string;
  projectorMain: string;
  apiMain: string;
  /** Preload that lets the bench start and stop the V8 profiler of a running app (SIGWINCH). */
  profileHook: string;
}

/**
 * Compiles both apps to JavaScript in a directory of this run, not dist/: other engineers rebuild dist/ while
 * they work, and a bench must not start half of its processes from one build and half from another. Type
 * checking is `npm run check`'s job; --noCheck only emits (decorator metadata included), in seconds.
 */
export async function buildApps(runId: string): Promise<AppBuild> {
  const dir = join(REPO, 'bench/.build', runId);
  await run(
    join(REPO, 'node_modules/.bin/tsc'),
    ['-p', join(REPO, 'bench/build/tsconfig.apps.json'), '--noCheck', '--outDir', dir],
    { cwd: REPO, timeout: 300_000 },
  );
  return {
    dir,
    projectorMain: join(dir, 'apps/projector/src/main.js'),
    apiMain: join(dir, 'apps/api/src/main.js'),
    profileHook: join(dir, 'bench/workers/cpu-profile-hook.js'),
  };
}

/** How compiled code finds `@app/*`: the repo's path map, rebased on the build directory. */
export function buildPathEnv(build: AppBuild): Record<string, string> {
  return { TS_NODE_PROJECT: join(REPO, 'tsconfig.json'), TS_NODE_BASEURL: build.dir };
}
