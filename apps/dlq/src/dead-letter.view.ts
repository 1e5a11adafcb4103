import { DEAD_LETTER_HEADERS } from '@app/contract';
import type { IHeaders } from 'kafkajs';

/** One record of the dead-letter topic, with its dlq.* headers read out. */
export interface DeadLetter {
  partition: number;
  offset: number;
  timestampMs: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: IHeaders;
  reason: string;
  message: string;
  source: { topic: string; partition: number | null; offset: number | null };
}

export function headerText(headers: IHeaders, name: string): string | null {
  const value = headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? null : first.toString();
}

function decimal(text: string | null): number | null {
  return text !== null && /^\d+$/.test(text) ? Number(text) : null;
}

/** Never throws: a record written by another tool, without our headers, still shows as reason `(none)`. */
export function toDeadLetter(record: {
  partition: number;
  offset: string;
  timestamp: string;
  key: Buffer | null;
  value: Buffer | null;
  headers?: IHeaders;
}): DeadLetter {
  const headers = record.headers ?? {};
  return {
    partition: record.partition,
    offset: Number(record.offset),
    timestampMs: Number(record.timestamp),
    key: record.key,
    value: record.value,
    headers,
    reason: headerText(headers, DEAD_LETTER_HEADERS.reason) ?? '(none)',
    message: headerText(headers, DEAD_LETTER_HEADERS.message) ?? '',
    source: {
      topic: headerText(headers, DEAD_LETTER_HEADERS.sourceTopic) ?? '(unknown)',
      partition: decimal(headerText(headers, DEAD_LETTER_HEADERS.sourcePartition)),
      offset: decimal(headerText(headers, DEAD_LETTER_HEADERS.sourceOffset)),
    },
  };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** How `show` prints bytes: JSON pretty-printed, else UTF-8 text, else base64; null stays visible as null. */
export function describeBytes(bytes: Buffer | null): {
  encoding: 'json' | 'utf8' | 'base64' | 'null';
  text: string;
} {
  if (bytes === null) return { encoding: 'null', text: 'null' };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { encoding: 'base64', text: bytes.toString('base64') };
  }
  try {
    return { encoding: 'json', text: JSON.stringify(JSON.parse(text), null, 2) };
  } catch {
    return { encoding: 'utf8', text };
  }
}
