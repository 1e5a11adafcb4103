import type { DecodeProblem } from './dlq-reason.types';
import { isJobTaskEventType } from './job-task-event.types';
import { normaliseOccurredAt } from './occurred-at.parser';

/*
 * Checks that the schema cannot express as a JSON type. Each looks only at a value of the right JSON type; a
 * wrong type is the schema's problem (INVALID_FIELD or MISSING_FIELD), which outranks these anyway.
 */

const keyText = new TextDecoder('utf-8', { fatal: true });

export function eventTypeProblems(eventType: unknown): DecodeProblem[] {
  if (typeof eventType !== 'string' || isJobTaskEventType(eventType)) return [];
  return [
    {
      reason: 'UNKNOWN_EVENT_TYPE',
      message: `event_type: ${JSON.stringify(eventType)} is not known`,
    },
  ];
}

export function timestampProblems(occurredAt: unknown): DecodeProblem[] {
  if (typeof occurredAt !== 'string' || normaliseOccurredAt(occurredAt) !== null) return [];
  return [
    {
      reason: 'INVALID_TIMESTAMP',
      message: `occurred_at: ${JSON.stringify(occurredAt)} is not an RFC 3339 date-time with a zone`,
    },
  ];
}

export function keyProblems(jobTaskId: unknown, key: Buffer | null): DecodeProblem[] {
  if (typeof jobTaskId !== 'string' || jobTaskId === '') return [];
  if (key === null) return [{ reason: 'KEY_MISMATCH', message: 'the message has no key' }];
  let text: string;
  try {
    // Compared as text, not bytes: an id holding a lone surrogate encodes to U+FFFD and must not match it.
    text = keyText.decode(key);
  } catch {
    return [{ reason: 'KEY_MISMATCH', message: 'the message key is not valid UTF-8' }];
  }
  if (text === jobTaskId) return [];
  return [
    {
      reason: 'KEY_MISMATCH',
      message: `the message key ${JSON.stringify(text)} differs from job_task_id ${JSON.stringify(jobTaskId)}`,
    },
  ];
}
