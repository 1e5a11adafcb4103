import { REPLAYED_FROM_HEADER } from '@app/contract';
import type { Message } from 'kafkajs';
import type { DlqCommand } from './dlq-args';
import type { DeadLetter } from './dead-letter.view';

type ReplaySelect = Extract<DlqCommand, { command: 'replay' }>['select'];

export function selectForReplay(
  records: readonly DeadLetter[],
  select: ReplaySelect,
): DeadLetter[] {
  if ('reason' in select) return records.filter((r) => r.reason === select.reason);
  const { partition, from, to } = select.offsets;
  return records.filter((r) => r.partition === partition && r.offset >= from && r.offset <= to);
}

/**
 * The record as its emitter sent it: original key, value and headers, without the dlq.* headers (they describe a
 * rejection that is being undone; the projector writes fresh ones if it rejects the record again), plus a header
 * naming the dead letter it came from. Idempotent in effect: the projector recognises a replayed event it already
 * applied by its event_id.
 */
export function toReplayMessage(dlqTopic: string, record: DeadLetter): Message {
  const headers: NonNullable<Message['headers']> = {};
  for (const [name, value] of Object.entries(record.headers)) {
    if (value !== undefined && !name.startsWith('dlq.') && name !== REPLAYED_FROM_HEADER)
      headers[name] = value;
  }
  headers[REPLAYED_FROM_HEADER] = `${dlqTopic}/${record.partition}/${record.offset}`;
  return { key: record.key, value: record.value, headers };
}
