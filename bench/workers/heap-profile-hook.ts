import { renameSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

/*
 * Preloaded (-r, after ts-node) into a projector that bench/thread-split.sh runs with THREAD_SPLIT_HEAP_PROFILE set.
 * SIGWINCH (ignored by an unhooked process, see cpu-profile-hook.ts) starts V8's sampling heap profiler, keeping the
 * samples of objects the collector has already freed, so the profile counts every byte allocated, not only what is
 * still alive; the next SIGWINCH writes it to `<BENCH_HEAP_PROFILE>.heapprofile` (renamed into place).
 */
const target = process.env.BENCH_HEAP_PROFILE;
if (target) {
  const session = new Session();
  session.connect();
  let sampling = false;
  const toggle = async (): Promise<void> => {
    sampling = !sampling;
    if (sampling) {
      await session.post('HeapProfiler.startSampling', {
        samplingInterval: 8_192,
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: true,
      });
      return;
    }
    const { profile } = await session.post('HeapProfiler.stopSampling');
    writeFileSync(`${target}.part`, JSON.stringify(profile));
    renameSync(`${target}.part`, `${target}.heapprofile`);
  };
  process.on('SIGWINCH', () => void toggle().catch((e: unknown) => process.stderr.write(`${String(e)}\n`)));
}
