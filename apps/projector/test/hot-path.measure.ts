/*
 * CPU time of the projector's hot path per event, in-process and without servers: decode every message of the
 * simulator's stream, group it into windows as the pipeline does, fold each task's events and serialise the
 * document. Process CPU time (user + system), so a busy shared machine changes the figure little.
 *
 *   node -r ts-node/register/transpile-only -r tsconfig-paths/register apps/projector/test/hot-path.measure.ts [tasks] [window]
 */
import { decodeBatch } from '../src/batch/message-batch.plan';
import { planTaskWrite } from '../src/batch/task-write.plan';
import { WriteWindow } from '../src/batch/write-window';
import type { StoredDocument } from '../src/core/projection.types';
import { simulatedMessages } from './support/simulated-messages';

const tasks = Number(process.argv[2] ?? 25_000);
const windowEvents = Number(process.argv[3] ?? 5_000);
const messages = simulatedMessages(tasks, 7, 't');

function run(): number {
  const documents = new Map<string, StoredDocument>();
  let writes = 0;
  for (let start = 0; start < messages.length; start += windowEvents) {
    const chunk = messages.slice(start, start + windowEvents);
    const window = new WriteWindow();
    window.add(chunk, decodeBatch(chunk, 1_048_576), 0, 0);
    for (const group of window.groups.values()) {
      const plan = planTaskWrite(group, group.pieces, documents.get(group.id) ?? null);
      if (plan.kind !== 'write') continue;
      writes += 1;
      documents.set(group.id, {
        index: 'i',
        seqNo: 0,
        primaryTerm: 1,
        document: plan.write.document,
      });
    }
  }
  return writes;
}

run();
const before = process.cpuUsage();
const writes = run();
const used = process.cpuUsage(before);
const micros = used.user + used.system;
process.stdout.write(
  `${JSON.stringify({
    events: messages.length,
    window_events: windowEvents,
    writes,
    cpu_us_per_event: +(micros / messages.length).toFixed(2),
  })}\n`,
);
