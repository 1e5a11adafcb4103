export * from './job-task-document';
export * from './job-task-fields';
export { jobTaskDocumentId, MAX_DOCUMENT_ID_BYTES } from './job-task-document.id';
export * from './events/job-task-event.types';
export { DLQ_REASONS, type DlqReason, type DecodeProblem } from './events/dlq-reason.types';
export {
  decodeEventMessage,
  type DecodedEvent,
  type DecodeOptions,
  type RawEventMessage,
} from './events/event-message.decoder';
export { normaliseOccurredAt } from './events/occurred-at.parser';
export {
  projectJobTask,
  mergeJobTaskDocuments,
  type ProjectionResult,
} from './projection/job-task.projection';
export {
  foldEvent,
  combineFacts,
  joinWindowFacts,
  type JoinedDocument,
} from './projection/task-facts.fold';
export type { TaskFacts } from './projection/task-facts.model';
export type { EventKey, ErrorKey } from './projection/event-key.order';
export type { TerminalState, TerminalStatus } from './projection/projection-state.types';
export {
  EmptyProjectionError,
  JobTaskMismatchError,
  ProjectionStateError,
} from './projection/projection.errors';
export { DEAD_LETTER_HEADERS, REPLAYED_FROM_HEADER } from './events/dead-letter.headers';
