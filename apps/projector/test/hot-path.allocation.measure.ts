/*
 * Bytes the projector's hot path allocates per event, by the function that allocated them: what V8's collector
 * threads then spend their CPU on (docs/performance.md, "Run V"). V8's sampling heap profiler, told to keep the
 * samples of objects already collected, over one warm run of the in-process hot path (support/hot-path.run.ts),
 * summarised like the live projector's (allocationSummary). `decodeBatch` holds JSON.parse's objects.
 *
 *   node -r ts-node/register/transpile-only -r tsconfig-paths/register apps/projector/test/hot-path.allocation.measure.ts [tasks] [top]
 */
import { allocationSummary } from '@app/testing';
import { Session } from 'node:inspector/promises';
import { runHotPath } from './support/hot-path.run';
import { simulatedMessages } from './support/simulated-messages';

const messages = simulatedMessages(Number(process.argv[2] ?? 25_000), 7, 't');
const top = Number(process.argv[3] ?? 15);

async function main(): Promise<void> {
  runHotPath(messages, 5_000);
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 4_096,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  runHotPath(messages, 5_000);
  const { profile } = await session.post('HeapProfiler.stopSampling');
  session.disconnect();
  process.stdout.write(allocationSummary(profile, messages.length, top));
}

void main();
