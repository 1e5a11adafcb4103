import {
  decodeEventMessage,
  jobTaskDocumentId,
  projectJobTask,
  type JobTaskDocument,
  type JobTaskEvent,
} from '@app/domain';
// The bench replays exactly what the simulator emits (`npm run simulate`), so it imports the pure generator.
import { simulateScheduler } from '../../apps/projector/src/simulator/scheduler.simulator';

/** One Kafka record as produced: key = job_task_id, value = the event's JSON. */
export interface BenchMessage {
  key: string;
  value: string;
}

export interface Workload {
  messages: BenchMessage[];
  tasks: number;
  domains: string[];
  byType: Record<string, number>;
  duplicates: number;
}

/** The simulator's stream; with a floor on events, more tasks are simulated until the stream reaches it. */
export function generateWorkload(tasks: number, minEvents: number, seed: number): Workload {
  let wanted = tasks;
  for (let attempt = 0; attempt < 4; attempt += 1) {
    const { messages, summary } = simulateScheduler({ tasks: wanted, seed });
    if (messages.length >= minEvents || attempt === 3) {
      const domains = [...new Set(messages.map((m) => String(m.value.domain_id)))].sort();
      return {
        messages: messages.map((m) => ({ key: m.key, value: JSON.stringify(m.value) })),
        tasks: summary.tasks,
        domains,
        byType: summary.byType,
        duplicates: summary.duplicates,
      };
    }
    wanted = Math.ceil((wanted * minEvents * 1.05) / Math.max(1, messages.length));
  }
  throw new Error('unreachable');
}

/** Decodes like the projector does (same decoder), or throws: the simulator only emits valid events. */
export function decodeAll(messages: readonly BenchMessage[]): JobTaskEvent[] {
  return messages.map((m) => {
    const decoded = decodeEventMessage(
      { key: Buffer.from(m.key), value: Buffer.from(m.value) },
      { maxValueBytes: 1_048_576 },
    );
    if (!decoded.ok) throw new Error(`simulated event rejected: ${decoded.message}`);
    return decoded.event;
  });
}

/** The final read model the stream must produce: one projection per task over all its events. */
export function expectedDocuments(events: readonly JobTaskEvent[]): Map<string, JobTaskDocument> {
  const byTask = new Map<string, JobTaskEvent[]>();
  for (const event of events) {
    const id = jobTaskDocumentId(event.domain_id, event.job_task_id);
    const list = byTask.get(id);
    if (list) list.push(event);
    else byTask.set(id, [event]);
  }
  const documents = new Map<string, JobTaskDocument>();
  for (const [id, list] of byTask) documents.set(id, projectJobTask(null, list).document);
  return documents;
}

/** Each task's messages in stream order, tasks in the order of their first message. */
function tasksOf(messages: readonly BenchMessage[]): BenchMessage[][] {
  const byTask = new Map<string, BenchMessage[]>();
  for (const m of messages) {
    const list = byTask.get(m.key);
    if (list) list.push(m);
    else byTask.set(m.key, [m]);
  }
  return [...byTask.values()];
}

/**
 * Re-orders a stream so that `inflight` tasks are open at any time: the events of each group of `inflight`
 * consecutive tasks are dealt round-robin (first event of each, then the second of each, …). Each task keeps its
 * own order; the simulator's natural stream has only a few dozen tasks open at once.
 */
export function interleave(messages: readonly BenchMessage[], inflight: number): BenchMessage[] {
  const tasks = tasksOf(messages);
  const out: BenchMessage[] = [];
  for (let start = 0; start < tasks.length; start += inflight) {
    const group = tasks.slice(start, start + inflight);
    const longest = Math.max(...group.map((t) => t.length));
    for (let i = 0; i < longest; i += 1) {
      for (const task of group) {
        const m = task[i];
        if (m) out.push(m);
      }
    }
  }
  return out;
}

/** How many tasks are open (first event seen, last not yet) at a point of the stream: mean and max. */
export function inflightOf(messages: readonly BenchMessage[]): { mean: number; max: number } {
  const last = new Map<string, number>();
  messages.forEach((m, i) => last.set(m.key, i));
  const opened = new Set<string>();
  let open = 0;
  let sum = 0;
  let max = 0;
  messages.forEach((m, i) => {
    if (!opened.has(m.key)) {
      opened.add(m.key);
      open += 1;
    }
    max = Math.max(max, open);
    sum += open;
    if (last.get(m.key) === i) open -= 1;
  });
  return { mean: messages.length === 0 ? 0 : sum / messages.length, max };
}

/**
 * Keeps `inflight` tasks open through the stream: `inflight` slots take turns (one event each per round), and a slot
 * whose task has sent its last event takes the next task of the stream. The slots open one after another over the
 * first mean-task-length rounds, so even tasks of equal length end spread out rather than in waves, unlike the
 * groups of `interleave`, which bunch task ends at the end of each group. Each task keeps its own order. A paced
 * stream (figure 3) needs this steady state: its probes are terminal events, wanted at a steady rate.
 */
export function interleaveSteady(
  messages: readonly BenchMessage[],
  inflight: number,
): BenchMessage[] {
  const waiting = tasksOf(messages);
  const slots = Math.max(1, inflight);
  const meanLength = Math.max(1, messages.length / Math.max(1, waiting.length));
  const open: { events: BenchMessage[]; at: number }[] = [];
  const out: BenchMessage[] = [];
  let next = 0;
  for (let round = 0; out.length < messages.length; round += 1) {
    const admitted = Math.min(slots, Math.ceil(((round + 1) * slots) / meanLength));
    while (open.length < admitted && next < waiting.length)
      open.push({ events: waiting[next++] ?? [], at: 0 });
    for (let slot = 0; slot < open.length; slot += 1) {
      const task = open[slot];
      const m = task?.events[task.at];
      if (!task || !m) continue;
      out.push(m);
      task.at += 1;
      if (task.at === task.events.length && next < waiting.length)
        open[slot] = { events: waiting[next++] ?? [], at: 0 };
    }
  }
  return out;
}
