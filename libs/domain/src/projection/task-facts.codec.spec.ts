import {
  aCreatedEvent,
  aResourceFailedEvent,
  aResourceSucceededEvent,
  stored,
} from '@app/testing/projection';
import type { JobTaskDocument } from '../job-task-document';
import { projectJobTask } from './job-task.projection';
import { ProjectionStateError } from './projection.errors';
import { documentFromFacts, factsFromDocument } from './task-facts.codec';

const aDocument = (): JobTaskDocument =>
  stored(
    projectJobTask(null, [aCreatedEvent(), aResourceFailedEvent(), aResourceSucceededEvent()])
      .document,
  );

describe(factsFromDocument.name, () => {
  it('should read back exactly what documentFromFacts wrote', () => {
    const document = aDocument();
    expect(documentFromFacts(factsFromDocument(document))).toEqual(document);
  });

  it('should keep an event_id such as "__proto__" as data through a JSON round trip', () => {
    const event = aResourceSucceededEvent({ event_id: '__proto__', data: { count: 4 } });
    const document = stored(projectJobTask(null, [event]).document);
    expect(Object.keys(document.projection.resource_succeeded)).toEqual(['__proto__']);
    expect(projectJobTask(document, [event]).applied).toEqual([]);
    expect(projectJobTask(document, [aResourceSucceededEvent()]).document.success_count).toBe(5);
  });

  it.each<[string, (document: JobTaskDocument) => unknown]>([
    ['has no bookkeeping', (d) => ({ ...d, projection: {} })],
    ['has an unknown version', (d) => ({ ...d, projection: { ...d.projection, version: 2 } })],
    [
      'has a count below 1',
      (d) => ({ ...d, projection: { ...d.projection, resource_failed: { x: 0 } } }),
    ],
    [
      'has fewer error keys than errors',
      (d) => ({ ...d, projection: { ...d.projection, error_keys: [] } }),
    ],
    ['has a created key but no job_id', (d) => ({ ...d, job_id: null })],
  ])('should refuse a document that %s', (_case, corrupt) => {
    expect(() => factsFromDocument(corrupt(aDocument()) as JobTaskDocument)).toThrow(
      ProjectionStateError,
    );
  });
});
