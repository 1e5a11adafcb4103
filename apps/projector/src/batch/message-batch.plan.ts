import { decodeEventMessage } from '@app/domain';
import type { Rejection, SourcedEvent, SourceMessage } from '../core/projection.types';

export interface DecodedBatch {
  events: SourcedEvent[];
  rejections: Rejection[];
}

export function decodeBatch(
  messages: readonly SourceMessage[],
  maxValueBytes: number,
): DecodedBatch {
  const events: SourcedEvent[] = [];
  const rejections: Rejection[] = [];
  for (const source of messages) {
    const decoded = decodeEventMessage(source, { maxValueBytes });
    if (decoded.ok) events.push({ event: decoded.event, source });
    else rejections.push({ source, reason: decoded.reason, message: decoded.message });
  }
  return { events, rejections };
}
