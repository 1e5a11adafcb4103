import { SingleBar, Presets } from 'cli-progress';
import { Partitioners, type Kafka } from 'kafkajs';
import type { DeadLetter } from './dead-letter.view';
import { toReplayMessage } from './dlq-replay';

const CHUNK = 500;

export class ReplayError extends Error {
  readonly code = 'DLQ.REPLAY_FAILED';

  constructor(
    readonly sent: number,
    cause: unknown,
  ) {
    super(
      `replay stopped after ${sent} record(s): ${cause instanceof Error ? cause.message : String(cause)}; running it again is safe (event_id makes a second copy a duplicate)`,
      { cause },
    );
    this.name = 'ReplayError';
  }
}

/** Re-publishes the records in DLQ order through an idempotent producer, with a progress bar on stderr. */
export async function replayDeadLetters(
  kafka: Kafka,
  dlqTopic: string,
  eventsTopic: string,
  records: readonly DeadLetter[],
): Promise<number> {
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  const bar = new SingleBar(
    {
      stream: process.stderr,
      format: 'replay [{bar}] {value}/{total} records',
      noTTYOutput: true,
      notTTYSchedule: 1_000,
    },
    Presets.shades_classic,
  );
  let sent = 0;
  // Inside the try: Kafka gone between the read and the replay is a replay that sent nothing, and says so.
  try {
    await producer.connect();
    bar.start(records.length, 0);
    for (let i = 0; i < records.length; i += CHUNK) {
      const chunk = records.slice(i, i + CHUNK);
      await producer.send({
        topic: eventsTopic,
        acks: -1,
        messages: chunk.map((r) => toReplayMessage(dlqTopic, r)),
      });
      sent += chunk.length;
      bar.update(sent);
    }
  } catch (error) {
    throw new ReplayError(sent, error);
  } finally {
    bar.stop();
    await producer.disconnect();
  }
  return sent;
}
