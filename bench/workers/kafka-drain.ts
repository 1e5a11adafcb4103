import { Kafka, logLevel } from 'kafkajs';
import { ActiveWindow, nowMs, reportResult, runWorkerMain, workerInput } from './worker-io';

/**
 * The raw Kafka ceiling: consume the whole topic with kafkajs and JSON.parse every value, nothing else. Consumer
 * settings are the projector's (apps/projector/src/projector.settings.ts), so only the work per batch differs.
 */
interface Input {
  brokers: string[];
  topic: string;
  groupId: string;
  partitions: number;
  total: number;
  timeoutMs: number;
  pids: Record<string, number | undefined>;
}

async function main(): Promise<void> {
  const input = workerInput<Input>();
  const kafka = new Kafka({
    clientId: 'bench-kafka-drain',
    brokers: input.brokers,
    logLevel: logLevel.ERROR,
  });
  const consumer = kafka.consumer({
    groupId: input.groupId,
    sessionTimeout: 10_000,
    heartbeatInterval: 1_000,
    maxWaitTimeInMs: 500,
    maxBytesPerPartition: 1_048_576,
  });
  const window = new ActiveWindow(input.pids);
  let count = 0;
  let parsedBytes = 0;
  let finish: (at: number) => void = () => undefined;
  const finished = new Promise<number>((resolve) => (finish = resolve));
  await consumer.connect();
  await consumer.subscribe({ topic: input.topic, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    partitionsConsumedConcurrently: input.partitions,
    eachBatch: async ({ batch }) => {
      window.begin();
      for (const message of batch.messages) {
        const value = JSON.parse(message.value?.toString('utf8') ?? 'null') as {
          event_id?: string;
        };
        parsedBytes += value.event_id?.length ?? 0;
        count += 1;
      }
      if (count >= input.total) {
        window.end();
        finish(nowMs());
      }
      return Promise.resolve();
    },
  });
  const timeout = setTimeout(() => finish(NaN), input.timeoutMs);
  const last = await finished;
  clearTimeout(timeout);
  await consumer.disconnect();
  if (Number.isNaN(last) || Number.isNaN(window.ms))
    throw new Error(`drained ${count}/${input.total} before the timeout`);
  reportResult({ ms: window.ms, count, parsedBytes, cpu: window.cpu });
}

runWorkerMain(main);
