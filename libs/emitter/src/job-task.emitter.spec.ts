import type { Kafka, ProducerConfig, ProducerRecord } from 'kafkajs';
import { JobTaskEmitter, type EmitterOptions } from './job-task.emitter';
import { JobTaskEvents } from './job-task-events.builder';

/** A pure fake of the kafkajs surface the emitter uses; the real broker is exercised in the int spec. */
class FakeKafka {
  readonly sends: ProducerRecord[] = [];
  config: ProducerConfig | undefined;
  /** Every request, including the failed ones. */
  readonly attempts: ProducerRecord[] = [];
  failNext = false;
  connects = 0;
  disconnects = 0;
  /** Requests wait for this before being answered, so a test can hold the broker's reply. */
  gate: Promise<void> = Promise.resolve();

  producer(config: ProducerConfig) {
    this.config = config;
    return {
      connect: () => {
        this.connects += 1;
        return Promise.resolve();
      },
      disconnect: () => {
        this.disconnects += 1;
        return Promise.resolve();
      },
      send: async (record: ProducerRecord) => {
        this.attempts.push(record);
        await this.gate;
        if (this.failNext) {
          this.failNext = false;
          return Promise.reject(new Error('broker said no'));
        }
        this.sends.push(record);
        return [];
      },
    };
  }
}

const setup = (options: Partial<Omit<EmitterOptions, 'kafka' | 'topic'>> = {}) => {
  const fake = new FakeKafka();
  const emitter = new JobTaskEmitter({
    kafka: fake as unknown as Kafka,
    topic: 'events',
    ...options,
  });
  return { fake, emitter };
};
const events = (n: number) => {
  const t = new JobTaskEvents({ domainId: 'd', jobTaskId: 'task-1' });
  return Array.from({ length: n }, () => t.resourceSucceeded({ count: 1 }));
};

describe(JobTaskEmitter.name, () => {
  it('should use an idempotent producer with one request in flight and acks from all replicas', async () => {
    const { fake, emitter } = setup();
    await emitter.emit(events(1)[0]!);
    expect(fake.config).toMatchObject({ idempotent: true, maxInFlightRequests: 1 });
    expect(fake.sends[0]).toMatchObject({ topic: 'events', acks: -1 });
    expect(fake.sends[0]!.messages[0]!.key).toEqual(Buffer.from('task-1'));
  });

  it('should gather emits made within the linger time into one request, in order', async () => {
    const { fake, emitter } = setup({ lingerMs: 20 });
    const batch = events(3);
    await Promise.all(batch.map((e) => emitter.emit(e)));
    expect(fake.sends).toHaveLength(1);
    const sequences = fake.sends[0]!.messages.map(
      (m) => (JSON.parse(String(m.value)) as { sequence: number }).sequence,
    );
    expect(sequences).toEqual([0, 1, 2]);
  });

  it('should cut large calls into requests of at most maxBatchEvents', async () => {
    const { fake, emitter } = setup({ maxBatchEvents: 1_000 });
    await emitter.emitAll(events(2_500));
    expect(fake.sends.map((s) => s.messages.length)).toEqual([1_000, 1_000, 500]);
    expect(fake.connects).toBe(1);
  });

  it('should send nothing of a call holding one invalid event', async () => {
    const { fake, emitter } = setup();
    const batch: unknown[] = events(3);
    batch[1] = { ...(batch[1] as object), job_task_id: '' };
    await expect(emitter.emitAll(batch)).rejects.toMatchObject({
      code: 'EMITTER.EVENT_REJECTED',
      reason: 'INVALID_FIELD',
      index: 1,
    });
    await emitter.flush();
    expect(fake.sends).toHaveLength(0);
  });

  it('should reject the events of a failed request with a coded error and carry on with the next', async () => {
    const { fake, emitter } = setup();
    fake.failNext = true;
    await expect(emitter.emitAll(events(2))).rejects.toMatchObject({
      code: 'EMITTER.SEND_FAILED',
    });
    await emitter.emitAll(events(1));
    expect(fake.sends).toHaveLength(1);
  });

  it('should refuse emits after close, having flushed what was queued', async () => {
    const { fake, emitter } = setup({ lingerMs: 1_000 });
    const pending = emitter.emit(events(1)[0]!);
    await emitter.close();
    await pending;
    expect(fake.sends).toHaveLength(1);
    await expect(emitter.emit(events(1)[0]!)).rejects.toMatchObject({ code: 'EMITTER.CLOSED' });
  });

  it('should make flush and close reject when the events they waited for were not acknowledged', async () => {
    const { fake, emitter } = setup({ lingerMs: 1_000 });
    fake.failNext = true;
    const emitted = emitter.emit(events(1)[0]!);
    await expect(emitter.flush()).rejects.toMatchObject({ code: 'EMITTER.SEND_FAILED' });
    await expect(emitted).rejects.toMatchObject({ code: 'EMITTER.SEND_FAILED' });

    fake.failNext = true;
    const beforeClose = emitter.emit(events(1)[0]!);
    await expect(emitter.close()).rejects.toMatchObject({ code: 'EMITTER.SEND_FAILED' });
    await expect(beforeClose).rejects.toMatchObject({ code: 'EMITTER.SEND_FAILED' });
    expect(fake.sends).toHaveLength(0);
  });

  it('should make every close wait for the events in flight, not only the first', async () => {
    const { fake, emitter } = setup();
    let answer!: () => void;
    fake.gate = new Promise((resolve) => (answer = resolve));
    const emitted = emitter.emit(events(1)[0]!);
    await emitter.connect();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fake.attempts).toHaveLength(1);

    let closedAgain = false;
    const first = emitter.close();
    const second = emitter.close().then(() => (closedAgain = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(closedAgain).toBe(false);
    answer();
    await Promise.all([first, second, emitted]);
    expect(fake.sends).toHaveLength(1);
    expect(fake.disconnects).toBe(1);
  });

  it('should cut requests by bytes as well as by count, sending an oversized event alone', async () => {
    const { fake, emitter } = setup({ maxBatchBytes: 2_000 });
    const t = new JobTaskEvents({ domainId: 'd', jobTaskId: 'task-1' });
    const failure = (size: number) =>
      t.resourceFailed({ error: { error_code: 'E', message: 'x'.repeat(size) } });
    await emitter.emitAll([failure(700), failure(700), failure(700), failure(3_000), failure(10)]);
    const bytes = fake.sends.map((s) =>
      s.messages.reduce((sum, m) => sum + m.value!.length + (m.key as Buffer).length, 0),
    );
    expect(fake.sends.map((s) => s.messages.length)).toEqual([2, 1, 1, 1]);
    expect(bytes.filter((b) => b > 2_000)).toEqual([bytes[2]]);
    const order = fake.sends.flatMap((s) =>
      s.messages.map((m) => (JSON.parse(String(m.value)) as { sequence: number }).sequence),
    );
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  it('should fail what is queued behind a failed request instead of sending it ahead of a re-send', async () => {
    const { fake, emitter } = setup({ maxBatchEvents: 2 });
    fake.failNext = true;
    const batch = events(5);
    const outcome = await emitter.emitAll(batch).catch((error: unknown) => error);
    expect(outcome).toMatchObject({ code: 'EMITTER.SEND_FAILED' });
    expect(fake.attempts).toHaveLength(1);
    expect(fake.sends).toHaveLength(0);

    // The re-send of the same events, same ids, goes out whole and in order.
    await emitter.emitAll(batch);
    const sent = fake.sends.flatMap((s) =>
      s.messages.map((m) => (JSON.parse(String(m.value)) as { event_id: string }).event_id),
    );
    expect(sent).toEqual(batch.map((e) => e.event_id));
  });

  it('should refuse a call that would overfill the buffer, queueing nothing of it', async () => {
    const { fake, emitter } = setup({ maxBufferedEvents: 4 });
    let answer!: () => void;
    fake.gate = new Promise((resolve) => (answer = resolve));
    // An empty buffer takes a call of any size.
    const first = emitter.emitAll(events(3));
    const refused = emitter.emitAll(events(2));
    await expect(refused).rejects.toMatchObject({
      code: 'EMITTER.BUFFER_FULL',
      buffered: 3,
      maxBufferedEvents: 4,
    });
    const fits = emitter.emitAll(events(1));
    answer();
    await Promise.all([first, fits]);
    expect(fake.sends.flatMap((s) => s.messages)).toHaveLength(4);
    await emitter.emitAll(events(4));
  });
});
