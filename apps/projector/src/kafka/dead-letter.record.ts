import type { Message } from 'kafkajs';
import type { MessageHeaders, Rejection } from '../core/projection.types';

export const DLQ_HEADERS = {
  reason: 'dlq.reason',
  message: 'dlq.message',
  sourceTopic: 'dlq.source.topic',
  sourcePartition: 'dlq.source.partition',
  sourceOffset: 'dlq.source.offset',
} as const;

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
      [DLQ_HEADERS.reason]: rejection.reason,
      [DLQ_HEADERS.message]: rejection.message,
      [DLQ_HEADERS.sourceTopic]: source.topic,
      [DLQ_HEADERS.sourcePartition]: String(source.partition),
      [DLQ_HEADERS.sourceOffset]: String(source.offset),
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
