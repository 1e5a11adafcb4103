import { canonicalEvent } from './canonical-event.fast-path';
import { mostSevereProblem } from './decode-problem.precedence';
import type { DecodeProblem, DlqReason } from './dlq-reason.types';
import { parseEventData, type DataParse } from './event-data.parser';
import { eventTypeProblems, keyProblems, timestampProblems } from './event-field.checks';
import { envelopeSchema } from './event-payload.schema';
import { readEventObject } from './event-value.reader';
import { isJobTaskEventType, type JobTaskEvent } from './job-task-event.types';
import { normaliseOccurredAt } from './occurred-at.parser';
import { problemsFromIssues } from './zod-issue.classifier';

export interface RawEventMessage {
  key: Buffer | null;
  value: Buffer | null;
}

export type DecodedEvent =
  { ok: true; event: JobTaskEvent } | { ok: false; reason: DlqReason; message: string };

export interface DecodeOptions {
  maxValueBytes: number;
}

/**
 * Turns one Kafka message into an event or into the reason to dead-letter it. Every check runs and the
 * highest-precedence problem is reported, so the reason does not depend on the order the checks happen to run in.
 */
export function decodeEventMessage(message: RawEventMessage, options: DecodeOptions): DecodedEvent {
  const read = readEventObject(message.value, options.maxValueBytes);
  if (!read.ok) return rejected(read.problem);
  const event = canonicalEvent(read.value, message.key);
  return event !== null ? { ok: true, event } : decodeEventObject(read.value, message.key);
}

/** The general path: every schema and check runs, so a rejection carries the reason of highest precedence. */
export function decodeEventObject(
  object: Record<string, unknown>,
  key: Buffer | null,
): DecodedEvent {
  const envelope = envelopeSchema.safeParse(object);
  const data: DataParse | null =
    typeof object.event_type === 'string' && isJobTaskEventType(object.event_type)
      ? parseEventData(object.event_type, object.data)
      : null;
  const problems: DecodeProblem[] = [
    ...(envelope.success ? [] : problemsFromIssues(envelope.error.issues, object)),
    ...(data !== null && !data.ok ? data.problems : []),
    ...eventTypeProblems(object.event_type),
    ...timestampProblems(object.occurred_at),
    ...keyProblems(object.job_task_id, key),
  ];
  const occurredAt = envelope.success ? normaliseOccurredAt(envelope.data.occurred_at) : null;
  if (problems.length === 0 && envelope.success && data?.ok === true && occurredAt !== null) {
    const { event_id, domain_id, job_task_id, sequence } = envelope.data;
    return {
      ok: true,
      event: data.toEvent({ event_id, occurred_at: occurredAt, domain_id, job_task_id, sequence }),
    };
  }
  // Unreachable when the checks are complete; dead-lettering keeps the bytes, a throw would wedge the partition.
  return rejected(mostSevereProblem(problems) ?? UNCLASSIFIED);
}

const UNCLASSIFIED: DecodeProblem = {
  reason: 'INVALID_FIELD',
  message: 'the message was rejected without a classified reason (a decoder bug)',
};

function rejected(problem: DecodeProblem): DecodedEvent {
  return { ok: false, reason: problem.reason, message: problem.message };
}
