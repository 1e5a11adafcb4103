export {
  JobTaskEmitter,
  DEFAULT_MAX_BATCH_BYTES,
  DEFAULT_MAX_BATCH_EVENTS,
  DEFAULT_MAX_BUFFERED_EVENTS,
  type EmitterOptions,
} from './job-task.emitter';
export { JobTaskEvents, type EventOptions, type TaskIdentity } from './job-task-events.builder';
export { toEventRecord, DEFAULT_MAX_EVENT_BYTES, type EventRecord } from './event-validation';
export {
  EmitterError,
  EventRejectedError,
  EmitFailedError,
  EmitterClosedError,
  EmitterBufferFullError,
  InvalidBuilderInputError,
} from './emitter.errors';
export { uuidV7, uuidV7Time } from './uuid-v7';
export type {
  JobTaskEventPayload,
  WireEventOf,
  WireData,
  ErrorInfoInput,
} from './wire-event.types';
