import type { z } from 'zod';
import type { DecodeProblem } from './dlq-reason.types';
import { dataSchemas } from './event-payload.schema';
import type { JobTaskEvent, JobTaskEventType } from './job-task-event.types';
import { problemsFromIssues } from './zod-issue.classifier';

/** The envelope fields every event shares, already validated and normalised. */
export type EventBase = Omit<JobTaskEvent, 'event_type' | 'data'>;
type EventBuilder = (base: EventBase) => JobTaskEvent;

export type DataParse =
  { ok: true; toEvent: EventBuilder } | { ok: false; problems: DecodeProblem[] };

function outcome<D>(
  result: z.ZodSafeParseResult<D>,
  raw: unknown,
  builder: (data: D) => EventBuilder,
): DataParse {
  if (result.success) return { ok: true, toEvent: builder(result.data) };
  return { ok: false, problems: problemsFromIssues(result.error.issues, raw, ['data']) };
}

/**
 * Validates `data` for a known type. The event itself is built later, by `toEvent`, because the envelope may
 * still be rejected for a reason of higher precedence.
 */
export function parseEventData(type: JobTaskEventType, data: unknown): DataParse {
  const raw = data ?? {};
  switch (type) {
    case 'job_task.created':
      return outcome(dataSchemas[type].safeParse(raw), raw, (d) => (b) => ({
        ...b,
        event_type: type,
        data: d,
      }));
    case 'job_task.started':
      return outcome(dataSchemas[type].safeParse(raw), raw, (d) => (b) => ({
        ...b,
        event_type: type,
        data: d,
      }));
    case 'job_task.resource_succeeded':
      return outcome(dataSchemas[type].safeParse(raw), raw, (d) => (b) => ({
        ...b,
        event_type: type,
        data: d,
      }));
    case 'job_task.resource_failed':
      return outcome(dataSchemas[type].safeParse(raw), raw, (d) => (b) => ({
        ...b,
        event_type: type,
        data: d,
      }));
    case 'job_task.succeeded':
      return outcome(dataSchemas[type].safeParse(raw), raw, (d) => (b) => ({
        ...b,
        event_type: type,
        data: d,
      }));
    case 'job_task.failed':
      return outcome(dataSchemas[type].safeParse(raw), raw, (d) => (b) => ({
        ...b,
        event_type: type,
        data: d,
      }));
    default: {
      const unreachable: never = type;
      throw new Error(`unhandled event type ${String(unreachable)}`);
    }
  }
}
