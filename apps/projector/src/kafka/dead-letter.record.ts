import { DEAD_LETTER_HEADERS } from '@app/domain';
import type { Message } from 'kafkajs';
import type { MessageHeaders, Rejection } from '../core/projection.types';

/**
 * The dead-letter record: the original key and value bytes untouched (null stays null), the original headers, and
 * the dlq.* headers as UTF-8 strings. A stale dlq.* header from a message that was itself replayed out of a DLQ is
 * replaced, so the headers always describe this rejection.
 */
export function deadLetterMessage(rejection: Rejection): Message {
  const { source } = rejection;
  return {
    key: source.key,
    value: source.value,
    headers: {
      ...withoutDlqHeaders(source.headers),
      [DEAD_LETTER_HEADERS.reason]: rejection.reason,
      [DEAD_LETTER_HEADERS.message]: rejection.message,
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
