import { decodeEventMessage, jobTaskDocumentId } from '@app/domain';
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

/** All events of one read-model document, in consumption order. */
export interface TaskGroup {
  id: string;
  domainId: string;
  events: SourcedEvent[];
}

/**
 * Groups by document id, i.e. by (domain_id, job_task_id): the same task id under two domains is two groups.
 * `groups` may already hold earlier events (a window growing fetch by fetch).
 */
export function groupByTask(
  events: readonly SourcedEvent[],
  groups: Map<string, TaskGroup> = new Map(),
): Map<string, TaskGroup> {
  for (const sourced of events) {
    const { domain_id, job_task_id } = sourced.event;
    const id = jobTaskDocumentId(domain_id, job_task_id);
    const group = groups.get(id);
    if (group) group.events.push(sourced);
    else groups.set(id, { id, domainId: domain_id, events: [sourced] });
  }
  return groups;
}
