import { testStack, uniqueName } from '@app/testing';
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { JobTaskEmitter } from './job-task.emitter';
import { JobTaskEvents } from './job-task-events.builder';

const REPO_ROOT = join(__dirname, '../../..');

/** `npm run emit` as a process, with only PATH and `env` in its environment. */
function runEmitScript(args: string[], env: Record<string, string>) {
  const script = ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'];
  return promisify(execFile)(process.execPath, [...script, 'scripts/emit-event.ts', ...args], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH, ...env },
  });
}
const kafka = new Kafka({ brokers: testStack.kafkaBrokers, logLevel: logLevel.NOTHING });

async function readAll(topic: string, count: number): Promise<(KafkaMessage & { p: number })[]> {
  const consumer = kafka.consumer({ groupId: uniqueName('emitter-reader'), maxWaitTimeInMs: 200 });
  const seen: (KafkaMessage & { p: number })[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: ({ message, partition }) => {
        seen.push({ ...message, p: partition });
        return Promise.resolve();
      },
    });
    const until = Date.now() + 30_000;
    while (seen.length < count && Date.now() < until) await sleep(100);
    await sleep(500);
  } finally {
    await consumer.disconnect();
  }
  return seen;
}

describe('JobTaskEmitter on the real Kafka', () => {
  const topic = uniqueName('emitter-events');
  const admin = kafka.admin();

  beforeAll(async () => {
    await admin.connect();
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 3 }] });
  });
  afterAll(async () => {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('should write every built event once, keyed by task, one partition per task, in sequence order', async () => {
    const emitter = new JobTaskEmitter({ kafka, topic, lingerMs: 2, maxBatchEvents: 7 });
    const tasks = Array.from(
      { length: 4 },
      (_, i) => new JobTaskEvents({ domainId: 'domain-e', jobTaskId: `task-${i}` }),
    );
    const sent = tasks.flatMap((t, i) => [
      t.created({ job_id: `job-${i}` }),
      t.started(),
      t.resourceSucceeded({ count: 3 }),
      t.resourceFailed({ error: { error_code: 'E', message: 'm' } }),
      t.succeeded({ success_count: 3, failure_count: 1 }),
    ]);
    // Interleaved single emits and one bulk call, as a busy scheduler would mix them.
    await Promise.all([
      ...sent.slice(0, 10).map((e) => emitter.emit(e)),
      emitter.emitAll(sent.slice(10)),
    ]);
    await expect(
      emitter.emitAll([{ ...tasks[0]!.started(), occurred_at: 'yesterday' }]),
    ).rejects.toMatchObject({ reason: 'INVALID_TIMESTAMP' });
    await emitter.close();

    const read = await readAll(topic, sent.length);
    expect(read).toHaveLength(sent.length);
    const byTask = new Map<string, { p: number; seq: number[] }>();
    for (const m of read) {
      const value = JSON.parse(String(m.value)) as { job_task_id: string; sequence: number };
      expect(String(m.key)).toBe(value.job_task_id);
      const entry = byTask.get(value.job_task_id) ?? { p: m.p, seq: [] };
      expect(m.p).toBe(entry.p);
      entry.seq.push(value.sequence);
      byTask.set(value.job_task_id, entry);
    }
    expect([...byTask.values()].map((e) => e.seq)).toEqual(tasks.map(() => [0, 1, 2, 3, 4]));
  });

  it('should deliver a burst larger than the broker takes in one record batch, every event once', async () => {
    // Kafka's default limit for one record batch, whatever the test broker's own default is.
    const small = uniqueName('emitter-batch-bytes');
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        {
          topic: small,
          numPartitions: 1,
          configEntries: [{ name: 'max.message.bytes', value: '1048588' }],
        },
      ],
    });
    try {
      const emitter = new JobTaskEmitter({ kafka, topic: small });
      const task = new JobTaskEvents({ domainId: 'domain-e', jobTaskId: 'task-with-traces' });
      // 600 failures with a 2 KB stack trace each: 1.3 MB for one task, hence one partition.
      const sent = Array.from({ length: 600 }, () =>
        task.resourceFailed({ error: { error_code: 'E_TRACE', message: 'at '.repeat(700) } }),
      );
      await emitter.emitAll(sent);
      await emitter.close();

      const read = await readAll(small, sent.length);
      const ids = read.map((m) => (JSON.parse(String(m.value)) as { event_id: string }).event_id);
      expect(ids).toEqual(sent.map((e) => e.event_id));
    } finally {
      await admin.deleteTopics({ topics: [small] }).catch(() => undefined);
    }
  });

  it('should fail every event fast and say so from flush and close when the broker is down', async () => {
    const down = new Kafka({
      brokers: ['127.0.0.1:1'],
      logLevel: logLevel.NOTHING,
      connectionTimeout: 200,
      retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 300 },
    });
    const emitter = new JobTaskEmitter({ kafka: down, topic, lingerMs: 1 });
    const task = new JobTaskEvents({ domainId: 'domain-e', jobTaskId: 'task-outage' });
    const startedAt = Date.now();
    const failedAt: number[] = [];
    // A scheduler keeps emitting during the outage: each emit is a batch of its own.
    const emits: Promise<unknown>[] = [];
    for (let i = 0; i < 20; i += 1) {
      emits.push(
        emitter.emit(task.resourceSucceeded()).catch((error: unknown) => {
          failedAt.push(Date.now() - startedAt);
          return error;
        }),
      );
      await sleep(5);
    }
    const flushed = emitter.flush().catch((error: unknown) => error);
    const outcomes = await Promise.all(emits);

    expect(outcomes).toEqual(
      outcomes.map(() => expect.objectContaining({ code: 'EMITTER.SEND_FAILED' }) as unknown),
    );
    expect(await flushed).toMatchObject({ code: 'EMITTER.SEND_FAILED' });
    // The first round of connection retries fails what was queued behind it too, rather than each batch waiting
    // out a round of its own: the last emit fails within one more round of the first.
    const [first, last] = [Math.min(...failedAt), Math.max(...failedAt)];
    expect(last - first).toBeLessThan(first);

    const lastWords = emitter.emit(task.started()).catch((error: unknown) => error);
    const closes = [emitter.close(), emitter.close()].map((c) =>
      c.then(
        () => 'resolved',
        (error: unknown) => error,
      ),
    );
    expect(await Promise.all(closes)).toEqual([
      expect.objectContaining({ code: 'EMITTER.SEND_FAILED' }),
      expect.objectContaining({ code: 'EMITTER.SEND_FAILED' }),
    ]);
    expect(await lastWords).toMatchObject({ code: 'EMITTER.SEND_FAILED' });
    await expect(emitter.emit(task.started())).rejects.toMatchObject({ code: 'EMITTER.CLOSED' });
  });

  it('should make `npm run emit` refuse an event the projector would dead-letter, sending nothing', async () => {
    const bad = JSON.stringify({
      event_id: 'e1',
      event_type: 'job_task.created',
      occurred_at: '2026-11-28T10:00:00Z',
      domain_id: 'd',
      job_task_id: 't',
      data: {},
    });
    const failure = await runEmitScript([bad], {
      KAFKA_BROKERS: testStack.kafkaBrokers.join(','),
      EVENTS_TOPIC: topic,
    }).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toContain(
      'EMITTER.EVENT_REJECTED: event 0 would be dead-lettered as MISSING_FIELD: data.job_id',
    );
  });

  it('should make `npm run emit -- --help` print the usage and send nothing', async () => {
    // No broker at all: the usage needs none.
    const { stdout } = await runEmitScript(['--help'], { KAFKA_BROKERS: 'nowhere:1' });

    expect(stdout).toContain("usage: npm run -s emit -- '<event JSON>'");
  });
});
