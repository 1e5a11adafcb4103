import { randomBytes } from 'node:crypto';

/*
 * UUIDv7 (RFC 9562 §5.7): 48 bits of Unix milliseconds, then random bits. Ids made later sort later, which keeps
 * the projector's `(occurred_at, sequence, event_id)` tie-break close to emission order and Kafka-side tools
 * readable. Within one millisecond the 12-bit `rand_a` field is used as a counter (RFC 9562 §6.2, method 1), so
 * ids from one process are strictly increasing even when thousands are made per millisecond.
 */

const RAND_A_MAX = 0xfff;
let lastMs = -1;
let counter = 0;

export function uuidV7(now: () => number = Date.now): string {
  let ms = now();
  if (ms <= lastMs) {
    ms = lastMs;
    counter += 1;
    // The counter ran out: borrow the next millisecond rather than repeat or go backwards.
    if (counter > RAND_A_MAX) {
      ms = lastMs + 1;
      counter = 0;
    }
  } else {
    // Start low in the range so that a burst in one millisecond has room to count up.
    counter = randomBytes(1)[0]! & 0x7f;
  }
  lastMs = ms;
  const bytes = randomBytes(16);
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The millisecond timestamp a UUIDv7 carries, or null for any other text. */
export function uuidV7Time(id: string): number | null {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))
    return null;
  return parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}
