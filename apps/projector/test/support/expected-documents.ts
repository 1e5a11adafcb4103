import {
  decodeEventMessage,
  jobTaskDocumentId,
  projectJobTask,
  type JobTaskDocument,
  type JobTaskEvent,
} from '@app/domain';
import type { Message } from 'kafkajs';

/**
 * The exact read model the projector must produce: the pure fold of every decodable message, all at once, per
 * (domain_id, job_task_id). Order, duplicates and batching must not matter, so this is the oracle.
 */
export function expectedDocuments(
  messages: readonly Message[],
  maxValueBytes = 1_048_576,
): Map<string, JobTaskDocument> {
  const byTask = new Map<string, JobTaskEvent[]>();
  for (const message of messages) {
    const decoded = decodeEventMessage(
      { key: toBuffer(message.key), value: toBuffer(message.value) },
      { maxValueBytes },
    );
    if (!decoded.ok) continue;
    const id = jobTaskDocumentId(decoded.event.domain_id, decoded.event.job_task_id);
    byTask.set(id, [...(byTask.get(id) ?? []), decoded.event]);
  }
  return new Map([...byTask].map(([id, events]) => [id, projectJobTask(null, events).document]));
}

function toBuffer(value: Message['key']): Buffer | null {
  if (value === null || value === undefined) return null;
  return Buffer.isBuffer(value) ? value : Buffer.from(value, 'utf8');
}
