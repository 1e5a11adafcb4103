import type { Kafka } from 'kafkajs';
import { randomBytes } from 'node:crypto';
import { toDeadLetter, type DeadLetter } from './dead-letter.view';
import { DlqError } from './dlq-error';
import type { PartitionSpan } from './topic-layout';

/**
 * Reads the dead-letter topic from its start up to the end it had when the read began (records arriving meanwhile
 * wait for the next run), in offset order per partition. A throwaway consumer group that never commits: reading
 * moves nothing and leaves no trace an operator would have to clean up. `spans` are the ends read by
 * `inspectTopics`, so what is read is what the offsets were checked against.
 */
export async function readDeadLetters(
  kafka: Kafka,
  topic: string,
  spans: readonly PartitionSpan[],
  timeoutMs = 120_000,
): Promise<DeadLetter[]> {
  const ends = new Map(spans.filter((s) => s.high > s.low).map((s) => [s.partition, s.high]));
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
      throw new DlqError(
        'DLQ.READ_FAILED',
        `read ${records.length} record(s) but partitions ${[...remaining].join(', ')} of ${topic} did not reach their end within ${timeoutMs} ms`,
      );
    }
  } finally {
    await consumer.disconnect();
  }
  return records.sort((a, b) => a.partition - b.partition || a.offset - b.offset);
}
