/*
 * CPU time of the projector's hot path per event, in-process and without servers: decode every message of the
 * simulator's stream, group it into windows as the pipeline does, fold each task's events and serialise the
 * document. Process CPU time (user + system), so a busy shared machine changes the figure little.
 *
 *   node -r ts-node/register/transpile-only -r tsconfig-paths/register apps/projector/test/hot-path.measure.ts [tasks] [window]
 */
import { runHotPath } from './support/hot-path.run';
import { simulatedMessages } from './support/simulated-messages';

const tasks = Number(process.argv[2] ?? 25_000);
const windowEvents = Number(process.argv[3] ?? 5_000);
const messages = simulatedMessages(tasks, 7, 't');
const run = (): number => runHotPath(messages, windowEvents);

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
