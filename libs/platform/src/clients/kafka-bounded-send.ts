import { CompressionTypes, type Message, type Producer } from 'kafkajs';

/**
 * The broker refused records for their size even gzip-compressed: only a larger max.message.bytes on the topic
 * helps. Retrying the same send is refused alike.
 */
export class RecordTooLargeError extends Error {
  readonly code = 'KAFKA.RECORD_TOO_LARGE';

  constructor(
    readonly topic: string,
    readonly largestBytes: number,
    cause: unknown,
  ) {
    super(
      `topic ${topic} refuses a record of about ${largestBytes} bytes even compressed: raise its max.message.bytes`,
      { cause },
    );
    this.name = 'RecordTooLargeError';
  }
}

/**
 * Sends `messages` to `topic` in order, in consecutive runs of at most `maxBytes` each (a larger record makes a run
 * of its own). kafkajs puts one send's records for a partition into one record batch, which the broker refuses
 * whole past the topic's max.message.bytes: without runs, many records that each fit would fail together on every
 * retry. A run refused for its size goes again gzip-compressed: a record the broker took compressed (an emitter's)
 * is several times its limit once decoded, and compressing brings it back to about that size. Small sends are not
 * compressed first, so a storm of them does not pay gzip on every record. `onSent` hears each run acknowledged.
 */
export async function sendInBoundedRuns(
  producer: Producer,
  topic: string,
  messages: readonly Message[],
  maxBytes: number,
  onSent: (count: number) => void = () => undefined,
): Promise<void> {
  for (const run of boundedRuns(messages, maxBytes)) {
    try {
      await producer.send({ topic, acks: -1, messages: run });
    } catch (error) {
      if (!isMessageTooLarge(error)) throw error;
      try {
        await producer.send({ topic, acks: -1, messages: run, compression: CompressionTypes.GZIP });
      } catch (compressed) {
        if (!isMessageTooLarge(compressed)) throw compressed;
        throw new RecordTooLargeError(topic, Math.max(...run.map(messageBytes)), compressed);
      }
    }
    onSent(run.length);
  }
}

/** Consecutive runs of `messages` of at most `maxBytes` each (a larger message makes a run of its own). */
export function boundedRuns(messages: readonly Message[], maxBytes: number): Message[][] {
  const runs: Message[][] = [];
  let current: Message[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = messageBytes(message);
    if (current.length > 0 && bytes + size > maxBytes) {
      runs.push(current);
      current = [];
      bytes = 0;
    }
    current.push(message);
    bytes += size;
  }
  if (current.length > 0) runs.push(current);
  return runs;
}

/** A record's size on the wire, near enough: its bytes plus a record's framing. */
export function messageBytes(message: Message): number {
  let bytes = 64 + byteLength(message.key) + byteLength(message.value);
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) bytes += 8 + Buffer.byteLength(name) + byteLength(v);
  }
  return bytes;
}

function byteLength(value: Buffer | string | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'string' ? Buffer.byteLength(value) : value.length;
}

/** kafkajs reports the broker's refusal as a protocol error, possibly wrapped by its retrier. */
function isMessageTooLarge(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; depth += 1) {
    if ((e as { type?: unknown }).type === 'MESSAGE_TOO_LARGE') return true;
    e = e.cause ?? (e as { originalError?: unknown }).originalError;
  }
  return false;
}
