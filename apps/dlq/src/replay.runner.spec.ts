import type { Kafka, ProducerRecord } from 'kafkajs';
import { toDeadLetter } from './dead-letter.view';
import { ReplayError, replayDeadLetters } from './replay.runner';

/** A Kafka whose producer fails where the test says, recording what was sent and whether it was closed. */
function kafkaFailing(at: { connect?: Error; sendCall?: number }) {
  const sent: ProducerRecord[] = [];
  const state = { disconnected: false };
  const producer = {
    connect: () => (at.connect === undefined ? Promise.resolve() : Promise.reject(at.connect)),
    send: (record: ProducerRecord) => {
      if (sent.length + 1 === at.sendCall) return Promise.reject(new Error('broker went away'));
      sent.push(record);
      return Promise.resolve([]);
    },
    disconnect: () => {
      state.disconnected = true;
      return Promise.resolve();
    },
  };
  return { kafka: { producer: () => producer } as unknown as Kafka, sent, state };
}

const records = Array.from({ length: 600 }, (_, i) =>
  toDeadLetter({
    partition: 0,
    offset: String(i),
    timestamp: '0',
    key: Buffer.from(`task-${i}`),
    value: Buffer.from('{}'),
  }),
);

describe(replayDeadLetters.name, () => {
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  afterAll(() => stderr.mockRestore());

  it('should report how far it got when a chunk fails, and close the producer', async () => {
    const fake = kafkaFailing({ sendCall: 2 });
    const failure = replayDeadLetters(fake.kafka, 'd', 'events', records);
    await expect(failure).rejects.toBeInstanceOf(ReplayError);
    await expect(failure).rejects.toMatchObject({ code: 'DLQ.REPLAY_FAILED', sent: 500 });
    expect(fake.sent.flatMap((r) => r.messages)).toHaveLength(500);
    expect(fake.state.disconnected).toBe(true);
  });

  it('should fail as a replay that sent nothing when the producer cannot connect', async () => {
    const fake = kafkaFailing({ connect: new Error('Connection error: connect ECONNREFUSED') });
    const failure = replayDeadLetters(fake.kafka, 'd', 'events', records);
    await expect(failure).rejects.toMatchObject({
      code: 'DLQ.REPLAY_FAILED',
      sent: 0,
      message: expect.stringContaining(
        'replay stopped after 0 record(s): Connection error: connect ECONNREFUSED; running it again is safe',
      ) as string,
    });
    expect(fake.sent).toHaveLength(0);
  });

  it('should say to raise the limit, not only to run again, when the events topic refuses a record for its size', async () => {
    const tooLarge = Object.assign(new Error('message too large'), { type: 'MESSAGE_TOO_LARGE' });
    const producer = {
      connect: () => Promise.resolve(),
      send: () => Promise.reject(tooLarge),
      disconnect: () => Promise.resolve(),
    };
    const kafka = { producer: () => producer } as unknown as Kafka;

    const failure = replayDeadLetters(kafka, 'd', 'events', records.slice(0, 1));

    await expect(failure).rejects.toThrow(
      /replay stopped after 0 record\(s\): topic events refuses a record of about \d+ bytes even compressed: raise its max\.message\.bytes; once it is raised, running the replay again is safe/,
    );
  });
});
