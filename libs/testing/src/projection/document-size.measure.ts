import { projectJobTask, type JobTaskDocument, type JobTaskEvent } from '@app/domain';
import {
  aCreatedEvent,
  aResourceFailedEvent,
  aResourceSucceededEvent,
  aStartedEvent,
  aSucceededEvent,
  anErrorInfo,
} from './job-task-event.factory';
import { newId } from './new-id.factory';

export type ResourceOutcome = 'succeeded' | 'failed';

export interface DocumentSize {
  resourceEvents: number;
  /** JSON bytes of the whole stored document (public fields + bookkeeping). */
  documentBytes: number;
  /** JSON bytes of the `projection` bookkeeping alone. */
  projectionBytes: number;
}

const bytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value), 'utf8');

/**
 * A realistic finished task: created, started, `resourceEvents` resource events with UUID event_ids, then
 * succeeded. Failed resources carry a short ErrorInfo each, as scanners typically report.
 */
export function finishedTaskEvents(
  resourceEvents: number,
  outcome: ResourceOutcome,
): JobTaskEvent[] {
  const resources = Array.from({ length: resourceEvents }, (_, i) => {
    const occurred_at = new Date(Date.UTC(2026, 10, 28, 10, 0, 1) + i).toISOString();
    return outcome === 'succeeded'
      ? aResourceSucceededEvent({ event_id: newId(), occurred_at, sequence: i + 2 })
      : aResourceFailedEvent({
          event_id: newId(),
          occurred_at,
          sequence: i + 2,
          data: {
            error: anErrorInfo({
              error_code: 'ERROR_RESOURCE_COLLECT',
              message: `resource ${i} could not be collected: access denied`,
            }),
          },
        });
  });
  return [
    aCreatedEvent({ event_id: newId(), sequence: 0 }),
    aStartedEvent({ event_id: newId(), sequence: 1 }),
    ...resources,
    aSucceededEvent({
      event_id: newId(),
      occurred_at: '2026-11-28T11:00:00.000Z',
      sequence: resourceEvents + 2,
    }),
  ];
}

export function measureDocumentSize(
  resourceEvents: number,
  outcome: ResourceOutcome,
): DocumentSize {
  const document: JobTaskDocument = projectJobTask(
    null,
    finishedTaskEvents(resourceEvents, outcome),
  ).document;
  return {
    resourceEvents,
    documentBytes: bytes(document),
    projectionBytes: bytes(document.projection),
  };
}
