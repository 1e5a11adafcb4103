import type { Kafka, ProducerConfig, ProducerRecord } from 'kafkajs';
import { JobTaskEmitter } from './job-task.emitter';
import { JobTaskEvents } from './job-task-events.builder';

/** A pure fake of the kafkajs surface the emitter uses; the real broker is exercised in the int spec. */
class FakeKafka {
  readonly sends: ProducerRecord[] = [];
  config: ProducerConfig | undefined;
  failNext = false;
  connects = 0;

  producer(config: ProducerConfig) {
    this.config = config;
    return {
      connect: () => {
        this.connects += 1;
        return Promise.resolve();
      },
      disconnect: () => Promise.resolve(),
      send: (record: ProducerRecord) => {
        if (this.failNext) {
          this.failNext = false;
          return Promise.reject(new Error('broker said no'));
        }
        this.sends.push(record);
        return Promise.resolve([]);
      },
    };
  }
}

const setup = (options: { lingerMs?: number; maxBatchEvents?: number } = {}) => {
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
});
