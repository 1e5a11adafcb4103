import { SingleBar, Presets } from 'cli-progress';
import { RecordTooLargeError, sendInBoundedRuns } from '@app/platform';
import { Partitioners, type Kafka } from 'kafkajs';
import type { DeadLetter } from './dead-letter.view';
import { toReplayMessage } from './dlq-replay';

const CHUNK = 500;
/** Under the broker's default record-batch limit (1 MB), as the projector's dead-letter sends. */
const REPLAY_SEND_MAX_BYTES = 512 * 1024;

export class ReplayError extends Error {
  readonly code = 'DLQ.REPLAY_FAILED';

  constructor(
    readonly sent: number,
    cause: unknown,
  ) {
    const why = cause instanceof Error ? cause.message : String(cause);
    // Running again is only a fix when the cause may pass; a record the topic refuses for its size never will.
    const next =
      cause instanceof RecordTooLargeError
        ? 'once it is raised, running the replay again is safe (event_id makes a second copy a duplicate)'
        : 'running it again is safe (event_id makes a second copy a duplicate)';
    super(`replay stopped after ${sent} record(s): ${why}; ${next}`, { cause });
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
      const chunk = records.slice(i, i + CHUNK).map((r) => toReplayMessage(dlqTopic, r));
      // In runs the broker takes: TOO_LARGE records are as large as it allows, and compressed if they only fit so.
      await sendInBoundedRuns(producer, eventsTopic, chunk, REPLAY_SEND_MAX_BYTES, (n) => {
        sent += n;
        bar.update(sent);
      });
    }
  } catch (error) {
    throw new ReplayError(sent, error);
  } finally {
    bar.stop();
    await producer.disconnect();
  }
  return sent;
}
