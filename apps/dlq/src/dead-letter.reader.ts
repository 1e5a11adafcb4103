import type { Kafka } from 'kafkajs';
import { randomBytes } from 'node:crypto';
import { toDeadLetter, type DeadLetter } from './dead-letter.view';

export class DeadLetterReadError extends Error {
  readonly code = 'DLQ.READ_FAILED';

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DeadLetterReadError';
  }
}

/**
 * Reads the dead-letter topic from its start up to the end it had when the read began (records arriving meanwhile
 * wait for the next run), in offset order per partition. A throwaway consumer group that never commits: reading
 * moves nothing and leaves no trace an operator would have to clean up.
 */
export async function readDeadLetters(
  kafka: Kafka,
  topic: string,
  timeoutMs = 120_000,
): Promise<DeadLetter[]> {
  const admin = kafka.admin();
  await admin.connect();
  let ends: Map<number, number>;
  try {
    const topics = await admin.listTopics();
    if (!topics.includes(topic)) return [];
    const offsets = await admin.fetchTopicOffsets(topic);
    ends = new Map(
      offsets
        .filter((o) => Number(o.high) > Number(o.low))
        .map((o) => [o.partition, Number(o.high)]),
    );
  } finally {
    await admin.disconnect();
  }
  if (ends.size === 0) return [];

  const records: DeadLetter[] = [];
  const remaining = new Set(ends.keys());
  const consumer = kafka.consumer({
    groupId: `dlq-cli-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`,
    maxWaitTimeInMs: 200,
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    await consumer.run({
      autoCommit: false,
      eachBatch: async (payload) => {
        const { batch } = payload;
        const end = ends.get(batch.partition);
        for (const message of batch.messages) {
          if (end === undefined || Number(message.offset) >= end) break;
          records.push(toDeadLetter({ ...message, partition: batch.partition }));
        }
        const last = batch.messages.at(-1);
        if (end !== undefined && last !== undefined && Number(last.offset) >= end - 1) {
          remaining.delete(batch.partition);
          if (remaining.size === 0) done();
        }
        await payload.heartbeat();
      },
    });
    const timedOut = new Promise<'timeout'>((resolve) =>
      setTimeout(() => resolve('timeout'), timeoutMs).unref(),
    );
    if ((await Promise.race([finished, timedOut])) === 'timeout') {
      throw new DeadLetterReadError(
        `read ${records.length} record(s) but partitions ${[...remaining].join(', ')} of ${topic} did not reach their end within ${timeoutMs} ms`,
      );
    }
  } finally {
    await consumer.disconnect();
  }
  return records.sort((a, b) => a.partition - b.partition || a.offset - b.offset);
}
