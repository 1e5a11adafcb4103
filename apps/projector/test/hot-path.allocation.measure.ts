/*
 * Bytes the projector's hot path allocates per event, by the function that allocated them: what V8's collector
 * threads then spend their CPU on (docs/performance.md, "Run V"). V8's sampling heap profiler, told to keep the
 * samples of objects already collected, over one warm run of the in-process hot path (support/hot-path.run.ts).
 * A function inlined into its caller is counted under the caller, so `decodeBatch` holds JSON.parse's objects.
 *
 *   node -r ts-node/register/transpile-only -r tsconfig-paths/register apps/projector/test/hot-path.allocation.measure.ts [tasks] [top]
 */
import type { HeapProfiler } from 'node:inspector';
import { Session } from 'node:inspector/promises';
import { runHotPath } from './support/hot-path.run';
import { simulatedMessages } from './support/simulated-messages';

const messages = simulatedMessages(Number(process.argv[2] ?? 25_000), 7, 't');
const top = Number(process.argv[3] ?? 15);

function bytesByFunction(root: HeapProfiler.SamplingHeapProfileNode): Map<string, number> {
  const bytes = new Map<string, number>();
  const visit = (node: HeapProfiler.SamplingHeapProfileNode): void => {
    const { functionName, url, lineNumber } = node.callFrame;
    const where =
      url === '' ? '(native)' : `${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`;
    const name = `${functionName || '(anonymous)'} ${where}`;
    bytes.set(name, (bytes.get(name) ?? 0) + node.selfSize);
    node.children.forEach(visit);
  };
  visit(root);
  return bytes;
}

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
  const bytes = bytesByFunction(profile.head);
  const perEvent = (n: number): number => Math.round(n / messages.length);
  const total = [...bytes.values()].reduce((a, b) => a + b, 0);
  const lines = [...bytes]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, n]) => `${String(perEvent(n)).padStart(6)} B  ${name}`);
  process.stdout.write(
    `${messages.length} events, ${perEvent(total)} B allocated per event (sampled every 4 KiB):\n${lines.join('\n')}\n`,
  );
}

void main();
