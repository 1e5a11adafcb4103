import { CompressionTypes, type Message, type Producer, type ProducerRecord } from 'kafkajs';
import {
  boundedRuns,
  messageBytes,
  RecordTooLargeError,
  sendInBoundedRuns,
} from './kafka-bounded-send';

/** A producer that records its sends and refuses those `refuse` picks with the given error. */
function stubProducer(refuse: (record: ProducerRecord) => Error | null = () => null) {
  const sends: ProducerRecord[] = [];
  const producer = {
    send: (record: ProducerRecord) => {
      sends.push(record);
      const error = refuse(record);
      return error ? Promise.reject(error) : Promise.resolve([]);
    },
  } as unknown as Producer;
  return { producer, sends };
}

const tooLarge = () => Object.assign(new Error('too large'), { type: 'MESSAGE_TOO_LARGE' });
const record = (bytes: number, key = 'k'): Message => ({ key, value: Buffer.alloc(bytes) });

describe(sendInBoundedRuns.name, () => {
  it('should send every record in order, in runs under the bound, and report each run sent', async () => {
    const { producer, sends } = stubProducer();
    const messages = Array.from({ length: 7 }, (_, i) => record(300, `k${i}`));
    const reported: number[] = [];

    await sendInBoundedRuns(producer, 'events', messages, 1_000, (n) => reported.push(n));

    expect(sends.flatMap((s) => s.messages.map((m) => m.key))).toEqual(messages.map((m) => m.key));
    expect(sends.every((s) => s.messages.reduce((b, m) => b + messageBytes(m), 0) <= 1_000)).toBe(
      true,
    );
    expect(reported).toEqual(sends.map((s) => s.messages.length));
    expect(sends.every((s) => s.acks === -1 && s.compression === undefined)).toBe(true);
  });

  it('should send a run refused for its size again gzip-compressed, and go on uncompressed', async () => {
    let refusals = 1;
    const { producer, sends } = stubProducer(() => (refusals-- > 0 ? tooLarge() : null));

    await sendInBoundedRuns(producer, 'events', [record(900, 'a'), record(900, 'b')], 1_000);

    expect(sends.map((s) => [s.messages[0]?.key, s.compression])).toEqual([
      ['a', undefined],
      ['a', CompressionTypes.GZIP],
      ['b', undefined],
    ]);
  });

  it('should name the topic and the record size when even the compressed run is refused', async () => {
    const { producer } = stubProducer(tooLarge);

    const sut = sendInBoundedRuns(producer, 'events.dlq', [record(5_000)], 1_000);

    await expect(sut).rejects.toBeInstanceOf(RecordTooLargeError);
    await expect(sut).rejects.toMatchObject({ topic: 'events.dlq', largestBytes: 5_065 });
  });

  it('should pass any other failure through without a compressed retry', async () => {
    const down = new Error('broker gone');
    const { producer, sends } = stubProducer(() => down);

    await expect(sendInBoundedRuns(producer, 'events', [record(10)], 1_000)).rejects.toBe(down);
    expect(sends).toHaveLength(1);
  });
});

describe(boundedRuns.name, () => {
  it('should put a record larger than the bound in a run of its own', () => {
    const runs = boundedRuns([record(10, 'a'), record(2_000, 'big'), record(10, 'b')], 1_000);

    expect(runs.map((run) => run.map((m) => m.key))).toEqual([['a'], ['big'], ['b']]);
  });
});
