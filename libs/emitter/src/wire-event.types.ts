import type { JobTaskEvent, JobTaskEventType } from '@app/domain';
import type { dataSchemas } from '@app/domain/events/event-payload.schema';
import type { z } from 'zod';

/**
 * What goes on the wire, typed from the projector's own zod schemas (their input side), so the builders cannot
 * offer a field the projector would not read or miss one it requires.
 */
export type WireData<T extends JobTaskEventType> = z.input<(typeof dataSchemas)[T]>;

/** The decoded event's envelope, with `data` in its wire form (optional: an empty `data` may be left out). */
export type WireEventOf<T extends JobTaskEventType> = Omit<JobTaskEvent, 'event_type' | 'data'> & {
  event_type: T;
  data?: WireData<T>;
};

export type JobTaskEventPayload = { [T in JobTaskEventType]: WireEventOf<T> }[JobTaskEventType];

export type ErrorInfoInput = NonNullable<WireData<'job_task.resource_failed'>['error']>;
