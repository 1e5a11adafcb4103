import type { SourceMessage } from '../../src/core/projection.types';
import { simulateScheduler } from '../../src/simulator/scheduler.simulator';

/** The simulator's stream as consumed records of one partition, offsets from 0, for the in-process measures. */
export function simulatedMessages(tasks: number, seed: number, topic = 'events'): SourceMessage[] {
  return simulateScheduler({ tasks, seed, domains: 3 }).messages.map((m, offset) => ({
    topic,
    partition: 0,
    offset,
    key: Buffer.from(m.key),
    value: Buffer.from(JSON.stringify(m.value)),
  }));
}
