import type { ProjectorConfig } from '@app/config';
import { CompressionTypes, type Kafka, type ProducerConfig, type ProducerRecord } from 'kafkajs';
import { sourceMessage } from '../../test/support/event-messages';
import type { Rejection } from '../core/projection.types';
import { ProjectorMetrics } from '../metrics/projector.metrics';
import { DLQ_SEND_MAX_BYTES } from '../projector.settings';
import {
  DeadLetterError,
  DeadLetterProducer,
  DeadLetterTooLargeError,
} from './dead-letter.producer';

class StubProducer {
  readonly sends: ProducerRecord[] = [];
  connects = 0;
  disconnects = 0;
  sendFault: Error | null = null;
  /** Refuses uncompressed sends (and compressed ones too when `refuseCompressed`) as the broker does for size. */
  tooLarge = false;
  refuseCompressed = false;

  connect(): Promise<void> {
    this.connects += 1;
    return Promise.resolve();
  }

  send(record: ProducerRecord): Promise<void> {
    if (this.sendFault) return Promise.reject(this.sendFault);
    if (this.tooLarge && (record.compression === undefined || this.refuseCompressed)) {
      const refusal = Object.assign(new Error('message too large'), { type: 'MESSAGE_TOO_LARGE' });
      return Promise.reject(refusal);
    }
    this.sends.push(record);
    return Promise.resolve();
  }

  disconnect(): Promise<void> {
    this.disconnects += 1;
    return Promise.resolve();
  }
}

function setup() {
  const producer = new StubProducer();
  const options: ProducerConfig[] = [];
  const kafka = {
    producer: (config: ProducerConfig) => (options.push(config), producer),
  } as unknown as Kafka;
  const config = { kafka: { dlqTopic: 'events.dlq' } } as ProjectorConfig;
  const sut = new DeadLetterProducer(kafka, config, new ProjectorMetrics());
  return { sut, producer, options };
}

function rejection(offset: number, bytes: number): Rejection {
  const source = sourceMessage(Buffer.alloc(bytes, 0x7b), { offset, key: `task-${offset}` });
  return { source, reason: 'INVALID_JSON', message: 'not JSON' };
}

describe(DeadLetterProducer.name, () => {
  it('should produce idempotently, so a retried send the broker already wrote is not a second dead letter', () => {
    const { options } = setup();
    expect(options).toEqual([
      expect.objectContaining({ idempotent: true, maxInFlightRequests: 1 }),
    ]);
  });

  it('should split the records into sends under the size bound, in order, a larger record alone', async () => {
    const { sut, producer } = setup();
    const big = DLQ_SEND_MAX_BYTES + 1;
    const rejections = [
      rejection(0, 100),
      rejection(1, big),
      ...Array.from({ length: 10 }, (_, i) => rejection(i + 2, DLQ_SEND_MAX_BYTES / 4)),
    ];

    await sut.send(rejections);

    const offsets = producer.sends.map((s) =>
      s.messages.map((m) => Number(m.headers?.['dlq.source.offset'])),
    );
    expect(offsets.flat()).toEqual(rejections.map((r) => r.source.offset));
    expect(offsets[1]).toEqual([1]);
    for (const send of producer.sends.filter((s) => s.messages.length > 1)) {
      const bytes = send.messages.reduce((sum, m) => sum + (m.value as Buffer).length, 0);
      expect(bytes).toBeLessThanOrEqual(DLQ_SEND_MAX_BYTES);
    }
    expect(producer.sends.every((s) => s.acks === -1 && s.topic === 'events.dlq')).toBe(true);
  });

  it('should connect again after a failed send, and still disconnect at shutdown after one', async () => {
    const { sut, producer } = setup();
    producer.sendFault = new Error('broker gone');

    await expect(sut.send([rejection(0, 10)])).rejects.toBeInstanceOf(DeadLetterError);
    await expect(sut.send([rejection(1, 10)])).rejects.toBeInstanceOf(DeadLetterError);
    await sut.beforeApplicationShutdown();

    expect([producer.connects, producer.disconnects]).toEqual([2, 1]);
  });

  it('should send a run the broker refuses for its size again compressed', async () => {
    const { sut, producer } = setup();
    producer.tooLarge = true;

    await sut.send([rejection(0, 10)]);

    expect(producer.sends.map((s) => s.compression)).toEqual([CompressionTypes.GZIP]);
  });

  it('should say which topic refuses a record even compressed, keeping the connection', async () => {
    const { sut, producer } = setup();
    producer.tooLarge = true;
    producer.refuseCompressed = true;

    const sent = sut.send([rejection(0, 10)]);

    await expect(sent).rejects.toBeInstanceOf(DeadLetterTooLargeError);
    await expect(sut.send([rejection(1, 10)])).rejects.toBeInstanceOf(DeadLetterTooLargeError);
    await expect(sent).rejects.toThrow(
      /the dead-letter topic events\.dlq refuses a record of about \d+ bytes/,
    );
    expect(producer.connects).toBe(1);
  });
});
