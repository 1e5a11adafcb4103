import { DEAD_LETTER_HEADERS } from '@app/domain';
import type { Message } from 'kafkajs';
import type { MessageHeaders, Rejection } from '../core/projection.types';
import { DLQ_MESSAGE_MAX_CHARS } from '../projector.settings';

/**
 * The dead-letter record: the original key and value bytes untouched (null stays null), the original headers, and
 * the dlq.* headers as UTF-8 strings. A stale dlq.* header from a message that was itself replayed out of a DLQ is
 * replaced, so the headers always describe this rejection. Only the message header is bounded (DLQ_MESSAGE_MAX_CHARS),
 * so a dead-letter record is never more than DLQ_RECORD_HEADROOM_BYTES larger than the record it copies.
 */
export function deadLetterMessage(rejection: Rejection): Message {
  const { source } = rejection;
  return {
    key: source.key,
    value: source.value,
    headers: {
      ...withoutDlqHeaders(source.headers),
      [DEAD_LETTER_HEADERS.reason]: rejection.reason,
      [DEAD_LETTER_HEADERS.message]: bounded(rejection.message),
      [DEAD_LETTER_HEADERS.sourceTopic]: source.topic,
      [DEAD_LETTER_HEADERS.sourcePartition]: String(source.partition),
      [DEAD_LETTER_HEADERS.sourceOffset]: String(source.offset),
    },
  };
}

function withoutDlqHeaders(
  headers: MessageHeaders | undefined,
): Record<string, Buffer | string | (Buffer | string)[]> {
  const kept: Record<string, Buffer | string | (Buffer | string)[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value !== undefined && !name.startsWith('dlq.')) kept[name] = value;
  }
  return kept;
}

function bounded(message: string): string {
  if (message.length <= DLQ_MESSAGE_MAX_CHARS) return message;
  // Never between the two halves of a surrogate pair: the header must stay valid UTF-8.
  const last = message.charCodeAt(DLQ_MESSAGE_MAX_CHARS - 1);
  const end = last >= 0xd800 && last <= 0xdbff ? DLQ_MESSAGE_MAX_CHARS - 1 : DLQ_MESSAGE_MAX_CHARS;
  return `${message.slice(0, end)}… (${message.length} characters in all)`;
}
