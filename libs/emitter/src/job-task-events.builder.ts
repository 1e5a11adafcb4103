import { normaliseOccurredAt, type JobTaskEventType } from '@app/domain';
import { InvalidBuilderInputError } from './emitter.errors';
import { uuidV7 } from './uuid-v7';
import type { WireData, WireEventOf } from './wire-event.types';

export interface TaskIdentity {
  domainId: string;
  jobTaskId: string;
  /** The next `sequence` to hand out; set it when a task's events are built by more than one builder over time. */
  nextSequence?: number;
}

export interface EventOptions {
  /**
   * When the step happened (not when it is sent); defaults to now. A string must be RFC 3339 with a zone; either is
   * sent in UTC with milliseconds (`2026-11-28T10:00:01.250Z`), as the projector stores it.
   */
  occurredAt?: Date | string;
  /** Reuse an id when re-sending an event, so the resend is a harmless duplicate; defaults to a new UUIDv7. */
  eventId?: string;
}

/**
 * Builds one task's events: every event gets a fresh UUIDv7 `event_id`, the task's `domain_id`/`job_task_id` and
 * the next per-task `sequence` (0, 1, 2, …), which orders two events of the same millisecond the way they were
 * built. One builder per task; it is not shared across processes.
 */
export class JobTaskEvents {
  private sequence: number;

  constructor(
    private readonly task: TaskIdentity,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.sequence = task.nextSequence ?? 0;
  }

  get nextSequence(): number {
    return this.sequence;
  }

  created(
    data: WireData<'job_task.created'>,
    options?: EventOptions,
  ): WireEventOf<'job_task.created'> {
    return this.event('job_task.created', data, options);
  }

  started(options?: EventOptions): WireEventOf<'job_task.started'> {
    return this.event('job_task.started', undefined, options);
  }

  resourceSucceeded(
    data: WireData<'job_task.resource_succeeded'> = {},
    options?: EventOptions,
  ): WireEventOf<'job_task.resource_succeeded'> {
    return this.event('job_task.resource_succeeded', data, options);
  }

  resourceFailed(
    data: WireData<'job_task.resource_failed'> = {},
    options?: EventOptions,
  ): WireEventOf<'job_task.resource_failed'> {
    return this.event('job_task.resource_failed', data, options);
  }

  succeeded(
    data: WireData<'job_task.succeeded'> = {},
    options?: EventOptions,
  ): WireEventOf<'job_task.succeeded'> {
    return this.event('job_task.succeeded', data, options);
  }

  failed(
    data: WireData<'job_task.failed'> = {},
    options?: EventOptions,
  ): WireEventOf<'job_task.failed'> {
    return this.event('job_task.failed', data, options);
  }

  private event<T extends JobTaskEventType>(
    event_type: T,
    data: WireData<T> | undefined,
    options: EventOptions = {},
  ): WireEventOf<T> {
    const event: WireEventOf<T> = {
      event_id: options.eventId ?? uuidV7(),
      event_type,
      occurred_at: occurredAtText(options.occurredAt ?? this.clock()),
      domain_id: this.task.domainId,
      job_task_id: this.task.jobTaskId,
      sequence: this.sequence,
    };
    this.sequence += 1;
    return data === undefined ? event : { ...event, data };
  }
}

/*
 * Always the projector's normal form (UTC, three fraction digits): what is sent is what is stored and compared,
 * and a bad time fails here, at the call that made it, rather than at `emit`.
 */
function occurredAtText(at: Date | string): string {
  if (typeof at === 'string') {
    const normal = normaliseOccurredAt(at);
    if (normal === null)
      throw new InvalidBuilderInputError(
        `occurredAt ${JSON.stringify(at)} is not an RFC 3339 date-time with a zone within years 0000-9999`,
      );
    return normal;
  }
  if (Number.isNaN(at.getTime()))
    throw new InvalidBuilderInputError('occurredAt is an invalid Date');
  // toISOString writes a six-digit signed year outside 0000-9999, which the projector dead-letters.
  const year = at.getUTCFullYear();
  if (year < 0 || year > 9999)
    throw new InvalidBuilderInputError(`occurredAt is in year ${year}, outside 0000-9999`);
  return at.toISOString();
}
