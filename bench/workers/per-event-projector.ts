import { errors, type Client } from '@elastic/elasticsearch';
import {
  decodeEventMessage,
  jobTaskDocumentId,
  projectJobTask,
  type JobTaskDocument,
  type JobTaskEvent,
} from '@app/domain';
import { createElasticsearchClient } from '@app/platform';
import { Kafka, logLevel } from 'kafkajs';
import { ActiveWindow, nowMs, reportResult, runWorkerMain, workerInput } from './worker-io';

/**
 * The usual approach, as a per-message NestJS handler would do it: kafkajs eachMessage (auto-commit), and per
 * event one realtime GET of the task's document, the same pure projection, and one write guarded by optimistic
 * concurrency (create when new, index with if_seq_no/if_primary_term otherwise), re-read and retried on 409.
 * Correct, idempotent and order-insensitive like the projector — just one event per round trip.
 */
interface Input {
  brokers: string[];
  url: string;
  topic: string;
  groupId: string;
  alias: string;
  partitions: number;
  limit: number;
  timeoutMs: number;
  pids: Record<string, number | undefined>;
}

const MAX_ATTEMPTS = 10;

const isConflict = (e: unknown): boolean =>
  e instanceof errors.ResponseError && e.statusCode === 409;

/** Returns whether the event changed the document (false: a duplicate). */
async function applyOne(es: Client, alias: string, event: JobTaskEvent): Promise<boolean> {
  const id = jobTaskDocumentId(event.domain_id, event.job_task_id);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const got = await es.get<JobTaskDocument>({ index: alias, id }, { ignore: [404] });
    const current = got.found && got._source ? got : null;
    const { document, applied } = projectJobTask(current?._source ?? null, [event]);
    if (applied.length === 0) return false;
    try {
      if (current === null) await es.create({ index: alias, id, document });
      else
        await es.index({
          index: current._index,
          id,
          document,
          if_seq_no: current._seq_no,
          if_primary_term: current._primary_term,
        });
      return true;
    } catch (error) {
      if (!isConflict(error)) throw error;
    }
  }
  throw new Error(`document ${id} still conflicting after ${MAX_ATTEMPTS} attempts`);
}

async function main(): Promise<void> {
  const input = workerInput<Input>();
  const es = createElasticsearchClient({
    url: input.url,
    alias: input.alias,
    requestTimeoutMs: 30_000,
  });
  const kafka = new Kafka({
    clientId: 'bench-per-event',
    brokers: input.brokers,
    logLevel: logLevel.ERROR,
  });
  const consumer = kafka.consumer({
    groupId: input.groupId,
    sessionTimeout: 10_000,
    heartbeatInterval: 1_000,
  });
  const window = new ActiveWindow(input.pids);
  let processed = 0;
  let writes = 0;
  const failures: Error[] = [];
  let finish: (at: number) => void = () => undefined;
  const finished = new Promise<number>((resolve) => (finish = resolve));
  await consumer.connect();
  await consumer.subscribe({ topic: input.topic, fromBeginning: true });
  await consumer.run({
    partitionsConsumedConcurrently: input.partitions,
    eachMessage: async ({ message }) => {
      if (processed >= input.limit) return;
      window.begin();
      const decoded = decodeEventMessage(message, { maxValueBytes: 1_048_576 });
      try {
        if (decoded.ok && (await applyOne(es, input.alias, decoded.event))) writes += 1;
      } catch (error) {
        failures.push(error instanceof Error ? error : new Error(String(error)));
        finish(NaN);
        throw error;
      }
      processed += 1;
      if (processed === input.limit) {
        window.end();
        finish(nowMs());
      }
    },
  });
  const timeout = setTimeout(() => finish(NaN), input.timeoutMs);
  const last = await finished;
  clearTimeout(timeout);
  await consumer.disconnect();
  await es.close();
  const [failure] = failures;
  if (failure) throw failure;
  if (Number.isNaN(last) || Number.isNaN(window.ms))
    throw new Error(`handled ${processed}/${input.limit} before the timeout`);
  reportResult({ ms: window.ms, count: processed, writes, cpu: window.cpu });
}

runWorkerMain(main);
