import type { Message } from 'kafkajs';
import { SeededRandom } from '../../src/simulator/seeded.random';
import { simulateScheduler, type SimulatedMessage } from '../../src/simulator/scheduler.simulator';

export function toKafkaMessages(messages: readonly SimulatedMessage[]): Message[] {
  return messages.map((m) => ({ key: m.key, value: JSON.stringify(m.value) }));
}

/** The simulator's stream as Kafka messages, keyed by job_task_id. */
export function simulatedMessages(tasks: number, seed: number, domains = 3): Message[] {
  return toKafkaMessages(simulateScheduler({ tasks, seed, domains }).messages);
}

/**
 * The same kind of stream made hostile: every `created` moved to the end, a conflicting terminal event added to a
 * share of the tasks, extra duplicates, the order shuffled and each message sent to a random partition, so one
 * task's events interleave across partitions and batches.
 */
export function adversarialMessages(tasks: number, seed: number, partitions: number): Message[] {
  const random = new SeededRandom(seed ^ 0x5bd1e995);
  const simulated = simulateScheduler({ tasks, seed }).messages;
  const extra: SimulatedMessage[] = [];
  const terminals = simulated.filter((m) =>
    ['job_task.succeeded', 'job_task.failed'].includes(String(m.value.event_type)),
  );
  for (const terminal of terminals) {
    if (!random.chance(0.2)) continue;
    const opposite =
      terminal.value.event_type === 'job_task.succeeded' ? 'job_task.failed' : 'job_task.succeeded';
    const shiftMs = random.int(-5_000, 5_000);
    extra.push({
      key: terminal.key,
      value: {
        ...terminal.value,
        event_id: random.uuid(),
        event_type: opposite,
        occurred_at: new Date(
          Date.parse(String(terminal.value.occurred_at)) + shiftMs,
        ).toISOString(),
        data:
          opposite === 'job_task.failed'
            ? { errors: [{ error_code: 'ERROR_CONFLICT', message: 'conflicting end' }] }
            : { success_count: 1 },
      },
    });
  }
  const all = [...simulated, ...extra];
  for (let i = 0; i < all.length / 20; i += 1) all.push(random.pick(all));
  for (let i = all.length - 1; i > 0; i -= 1) {
    const j = random.int(0, i);
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  const created = all.filter((m) => m.value.event_type === 'job_task.created');
  const ordered = [...all.filter((m) => m.value.event_type !== 'job_task.created'), ...created];
  return ordered.map((m) => ({
    key: m.key,
    value: JSON.stringify(m.value),
    partition: random.int(0, partitions - 1),
  }));
}
