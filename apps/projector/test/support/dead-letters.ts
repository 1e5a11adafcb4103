import type { IHeaders, Kafka } from 'kafkajs';
import { uniqueName } from '@app/testing';
import { setTimeout as sleep } from 'node:timers/promises';

export interface DeadLetter {
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

/** Reads the DLQ topic from the beginning with a throwaway group until `count` records arrived. */
export async function readDeadLetters(
  kafka: Kafka,
  topic: string,
  count: number,
  timeoutMs = 60_000,
): Promise<DeadLetter[]> {
  const consumer = kafka.consumer({ groupId: uniqueName('dlq-reader'), maxWaitTimeInMs: 200 });
  const records: DeadLetter[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: ({ message }) => {
        records.push({
          key: message.key,
          value: message.value,
          headers: stringHeaders(message.headers),
        });
        return Promise.resolve();
      },
    });
    const until = Date.now() + timeoutMs;
    while (records.length < count && Date.now() < until) await sleep(100);
    // A little longer, so that an unexpected extra (duplicate) record would be seen too.
    await sleep(1_000);
  } finally {
    await consumer.disconnect();
  }
  return records;
}

function stringHeaders(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k, String(v)]));
}
