import { decodeEventMessage, type JobTaskEvent } from '@app/domain';
import { EventRejectedError } from './emitter.errors';

export const DEFAULT_MAX_EVENT_BYTES = 1_048_576;

/** A Kafka record ready to send: key = job_task_id, value = the JSON bytes that were validated. */
export interface EventRecord {
  key: Buffer;
  value: Buffer;
  /** The event as the projector will read it (normalised time, defaults applied). */
  decoded: JobTaskEvent;
}

/**
 * Serialises `payload` and runs the projector's own decoder over the exact bytes and key that would be sent, so the
 * emitter's verdict is the projector's by construction: a rule added to the decoder is enforced here too.
 */
export function toEventRecord(
  payload: unknown,
  maxEventBytes = DEFAULT_MAX_EVENT_BYTES,
  index = 0,
): EventRecord {
  let json: string | undefined;
  try {
    json = JSON.stringify(payload);
  } catch (error) {
    // A BigInt or a cycle makes JSON.stringify throw a TypeError; the caller is promised a coded refusal.
    const detail = error instanceof Error ? error.message : String(error);
    throw new EventRejectedError('INVALID_JSON', `value is not JSON: ${detail}`, index);
  }
  if (json === undefined) throw new EventRejectedError('INVALID_JSON', 'value is not JSON', index);
  const value = Buffer.from(json, 'utf8');
  const jobTaskId = (payload as { job_task_id?: unknown } | null)?.job_task_id;
  const key = typeof jobTaskId === 'string' ? Buffer.from(jobTaskId, 'utf8') : null;
  const decoded = decodeEventMessage({ key, value }, { maxValueBytes: maxEventBytes });
  if (!decoded.ok) throw new EventRejectedError(decoded.reason, decoded.message, index);
  return { key: key!, value, decoded: decoded.event };
}
