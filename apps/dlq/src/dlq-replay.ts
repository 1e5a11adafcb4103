import { REPLAYED_FROM_HEADER } from '@app/contract';
import type { Message } from 'kafkajs';
import type { DlqCommand, OffsetRange } from './dlq-args';
import { headerText, type DeadLetter } from './dead-letter.view';
import { DlqError } from './dlq-error';
import type { PartitionSpan } from './topic-layout';

type ReplaySelect = Extract<DlqCommand, { command: 'replay' }>['select'];

export function selectForReplay(
  records: readonly DeadLetter[],
  select: ReplaySelect,
): DeadLetter[] {
  if ('reason' in select) return records.filter((r) => r.reason === select.reason);
  const { partition, from, to } = select.offsets;
  return records.filter((r) => r.partition === partition && r.offset >= from && r.offset <= to);
}

export const rangeText = ({ partition, from, to }: OffsetRange): string =>
  from === to ? `${partition}:${from}` : `${partition}:${from}-${to}`;

/**
 * A range that selects nothing is a typo (a partition or offsets read off the wrong line, or records gone by
 * retention), not "0 records replayed": it is refused with what the partition holds. A range that reaches past
 * either end of a partition is fine; it replays what is there.
 */
export function checkOffsets(
  topic: string,
  spans: readonly PartitionSpan[],
  range: OffsetRange,
): void {
  const refuse = (why: string): never => {
    throw new DlqError('DLQ.OFFSETS_OUT_OF_RANGE', `--offsets ${rangeText(range)}: ${why}`);
  };
  const span = spans.find((s) => s.partition === range.partition);
  if (span === undefined) {
    const ids = spans.map((s) => s.partition);
    const has = ids.length === 1 ? `only ${ids[0]}` : `${Math.min(...ids)}-${Math.max(...ids)}`;
    return refuse(`${topic} has no partition ${range.partition} (it has ${has})`);
  }
  const { partition, low, high } = span;
  if (high <= low)
    return refuse(
      `partition ${partition} of ${topic} holds no records` +
        (high > 0 ? ` (offsets before ${high} are past retention)` : ''),
    );
  if (range.to < low || range.from >= high)
    refuse(`partition ${partition} of ${topic} holds offsets ${low}-${high - 1}`);
}

export const coordinates = (r: DeadLetter): string => `${r.partition}:${r.offset}`;

/**
 * What a replay sends: one record per dead event. The DLQ keeps every rejection, so after a replay that came back
 * (the cause was not fixed yet) it holds the original and its copy, and a second `replay --reason` would send both,
 * then four, then eight: the topic doubles with every attempt. A copy names its dead letter in `replayed-from`; the
 * chain leads to the first rejection, whose source coordinates name the event (a record the projector dead-lettered
 * twice after a redelivery has the same ones). Records with one identity are sent once, as the first selected.
 */
export function planReplay(
  dlqTopic: string,
  records: readonly DeadLetter[],
  selected: readonly DeadLetter[],
): { send: DeadLetter[]; copies: { record: DeadLetter; of: DeadLetter }[] } {
  const byCoordinates = new Map(records.map((r) => [`${r.partition}/${r.offset}`, r]));
  const prefix = `${dlqTopic}/`;
  const identity = (record: DeadLetter): string => {
    let current = record;
    const walked: DeadLetter[] = [current];
    for (;;) {
      const from = headerText(current.headers, REPLAYED_FROM_HEADER);
      if (from === null) break;
      const parent = from.startsWith(prefix)
        ? byCoordinates.get(from.slice(prefix.length))
        : undefined;
      // The original is past retention (or in another topic): its copies still share its name.
      if (parent === undefined) return `replayed-from ${from}`;
      if (walked.includes(parent)) {
        // Only a hand-written header can loop; every member of the loop is then named by its lowest record.
        current = walked
          .slice(walked.indexOf(parent))
          .reduce((a, b) => ((b.partition - a.partition || b.offset - a.offset) < 0 ? b : a));
        break;
      }
      walked.push(parent);
      current = parent;
    }
    const { topic, partition, offset } = current.source;
    return partition !== null && offset !== null && topic !== '(unknown)'
      ? `source ${topic}/${partition}/${offset}`
      : `dead letter ${current.partition}/${current.offset}`;
  };
  const first = new Map<string, DeadLetter>();
  const send: DeadLetter[] = [];
  const copies: { record: DeadLetter; of: DeadLetter }[] = [];
  for (const record of selected) {
    const id = identity(record);
    const of = first.get(id);
    if (of === undefined) {
      first.set(id, record);
      send.push(record);
    } else copies.push({ record, of });
  }
  return { send, copies };
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
