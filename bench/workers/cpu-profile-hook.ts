import { renameSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

/*
 * Preloaded (-r) into a profiled projector. `--cpu-prof` writes its file only on a normal exit, and the apps
 * re-raise SIGTERM after shutting down, so the profile would be lost. Nest's shutdown hooks listen to SIGUSR2 and
 * Node reserves SIGUSR1; SIGWINCH is ignored by default, so an unhooked process survives it. Here SIGWINCH starts the V8 sampling
 * profiler and the next stops it and writes `<BENCH_CPU_PROFILE>-<n>.cpuprofile` (n = 1, 2, …), so a profile
 * covers a measured window only (see bench/lib/profiler-control.ts).
 */
const target = process.env.BENCH_CPU_PROFILE;
if (target) {
  const session = new Session();
  session.connect();
  let running = false;
  let written = 0;
  process.on('SIGWINCH', () => {
    if (!running) {
      running = true;
      session.post('Profiler.enable', () =>
        session.post('Profiler.setSamplingInterval', { interval: 500 }, () =>
          session.post('Profiler.start'),
        ),
      );
      return;
    }
    running = false;
    session.post('Profiler.stop', (error, result) => {
      if (error) return;
      // Renamed into place, so a reader polling for the file never sees half of it.
      written += 1;
      writeFileSync(`${target}.part`, JSON.stringify(result.profile));
      renameSync(`${target}.part`, `${target}-${written}.cpuprofile`);
    });
  });
}
