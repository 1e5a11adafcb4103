/*
 * Heap a WriteWindow retains per document and per event, against the estimate it counts in `bytes` (the
 * PROJECTOR_FLUSH_MAX_BYTES bound): folds the simulator's stream into one window, collects garbage, compares.
 *
 *   node --expose-gc -r ts-node/register/transpile-only -r tsconfig-paths/register \
 *     apps/projector/test/window-heap.measure.ts [tasks]
 */
import { decodeBatch } from '../src/batch/message-batch.plan';
import { WriteWindow } from '../src/batch/write-window';
import { simulatedMessages } from './support/simulated-messages';

const tasks = Number(process.argv[2] ?? 20_000);

function main(): void {
  const messages = simulatedMessages(tasks, 11);
  global.gc?.();
  const base = process.memoryUsage().heapUsed;
  const window = new WriteWindow();
  for (let start = 0; start < messages.length; start += 500) {
    const batch = messages.slice(start, start + 500);
    window.add(batch, decodeBatch(batch, 1_048_576), 0, 0);
  }
  global.gc?.();
  const retained = process.memoryUsage().heapUsed - base;
  process.stdout.write(
    `${JSON.stringify({
      events: messages.length,
      documents: window.dirtyDocs,
      retained_bytes_per_document: Math.round(retained / window.dirtyDocs),
      estimated_bytes_per_document: Math.round(window.bytes / window.dirtyDocs),
      retained_over_estimate: +(retained / window.bytes).toFixed(2),
    })}\n`,
  );
}

main();
