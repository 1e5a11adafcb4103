import { JobTaskEmitter } from '@app/emitter';
import type { Kafka } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SimulatedMessage } from './scheduler.simulator';

const FAST_CHUNK = 1_000;

/** How many messages to send per request so that `rate` events/s is met with about ten requests a second. */
export function chunkSizeFor(rate: number): number {
  return rate === 0 ? FAST_CHUNK : Math.max(1, Math.min(FAST_CHUNK, Math.floor(rate / 10)));
}

/**
 * Sends the messages in order through the emitter library, as a real Node scheduler would: validated, keyed by
 * job_task_id with the Java-compatible partitioner, idempotent. Paced to `rate` events per second (0 = unpaced).
 * Resolves with the elapsed milliseconds.
 */
export async function produceSimulated(
  kafka: Kafka,
  topic: string,
  messages: readonly SimulatedMessage[],
  rate: number,
): Promise<number> {
  const size = chunkSizeFor(rate);
  const emitter = new JobTaskEmitter({ kafka, topic, maxBatchEvents: size });
  await emitter.connect();
  const startedAt = Date.now();
  try {
    for (let sent = 0; sent < messages.length; sent += size) {
      const chunk = messages.slice(sent, sent + size);
      await emitter.emitAll(chunk.map((m) => m.value));
      if (rate > 0) {
        const dueMs = ((sent + chunk.length) * 1_000) / rate;
        const waitMs = dueMs - (Date.now() - startedAt);
        if (waitMs > 0) await sleep(waitMs);
      }
    }
  } finally {
    await emitter.close();
  }
  return Date.now() - startedAt;
}
