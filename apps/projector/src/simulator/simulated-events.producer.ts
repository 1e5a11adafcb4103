import { Partitioners, type Kafka } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SimulatedMessage } from './scheduler.simulator';

const FAST_CHUNK = 1_000;

/** How many messages to send per request so that `rate` events/s is met with about ten requests a second. */
export function chunkSizeFor(rate: number): number {
  return rate === 0 ? FAST_CHUNK : Math.max(1, Math.min(FAST_CHUNK, Math.floor(rate / 10)));
}

/**
 * Sends the messages in order, keyed by job_task_id (the Java-compatible partitioner, like a JVM scheduler's),
 * paced to `rate` events per second (0 = unpaced). Resolves with the elapsed milliseconds.
 */
export async function produceSimulated(
  kafka: Kafka,
  topic: string,
  messages: readonly SimulatedMessage[],
  rate: number,
): Promise<number> {
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const startedAt = Date.now();
  try {
    const size = chunkSizeFor(rate);
    for (let sent = 0; sent < messages.length; sent += size) {
      const chunk = messages.slice(sent, sent + size);
      await producer.send({
        topic,
        acks: -1,
        messages: chunk.map((m) => ({ key: m.key, value: JSON.stringify(m.value) })),
      });
      if (rate > 0) {
        const dueMs = ((sent + chunk.length) * 1_000) / rate;
        const waitMs = dueMs - (Date.now() - startedAt);
        if (waitMs > 0) await sleep(waitMs);
      }
    }
  } finally {
    await producer.disconnect();
  }
  return Date.now() - startedAt;
}
