import {
  aCreatedEvent,
  aFailedEvent,
  aResourceFailedEvent,
  aResourceSucceededEvent,
  aStartedEvent,
  aSucceededEvent,
  anErrorInfo,
  given,
  stored,
  TEST_TASK,
} from '@app/testing/projection';
import type { JobTaskEvent } from '../events/job-task-event.types';
import { projectJobTask } from './job-task.projection';
import { EmptyProjectionError, JobTaskMismatchError } from './projection.errors';

describe(projectJobTask.name, () => {
  describe('rule 1: a duplicate event_id has no further effect', () => {
    it.each<[string, () => JobTaskEvent]>([
      ['created', () => aCreatedEvent()],
      ['started', () => aStartedEvent()],
      ['resource_succeeded', () => aResourceSucceededEvent({ data: { count: 3 } })],
      ['resource_failed', () => aResourceFailedEvent()],
      ['succeeded', () => aSucceededEvent({ data: { success_count: 5 } })],
      ['failed', () => aFailedEvent({ data: { errors: [anErrorInfo()] } })],
    ])('should not update the document when a %s event runs twice', (_type, make) => {
      const event = make();
      given(aCreatedEvent(), event).when(event).thenNotUpdated();
    });

    it('should count a duplicate inside one batch once and report it', () => {
      const resource = aResourceSucceededEvent({ data: { count: 2 } });
      const result = projectJobTask(null, [resource, resource, resource]);
      expect(result.applied).toEqual([resource]);
      expect(result.duplicates).toEqual([resource, resource]);
      expect(result.document.success_count).toBe(2);
    });

    it('should keep the first of two different events that share an event_id', () => {
      const first = aResourceSucceededEvent({ event_id: 'reused', data: { count: 2 } });
      const second = aResourceFailedEvent({ event_id: 'reused' });
      given(first).when(second).thenNotUpdated();
      expect(projectJobTask(null, [first, second]).document).toMatchObject({
        success_count: 2,
        failure_count: 0,
      });
    });
  });

  describe('rule 6: tenancy', () => {
    it('should refuse an event of the same job_task_id under another domain', () => {
      const current = projectJobTask(null, [aCreatedEvent()]).document;
      const intruder = aSucceededEvent({ domain_id: 'domain-other' });
      expect(() => projectJobTask(current, [intruder])).toThrow(JobTaskMismatchError);
      expect(() => projectJobTask(null, [aCreatedEvent(), intruder])).toThrow(JobTaskMismatchError);
    });

    it('should project the same job_task_id under two domains into independent documents', () => {
      const mine = projectJobTask(null, [aCreatedEvent(), aResourceSucceededEvent()]).document;
      const theirs = projectJobTask(null, [aFailedEvent({ domain_id: 'domain-other' })]).document;
      expect(mine).toMatchObject({
        domain_id: TEST_TASK.domain_id,
        status: 'IN_PROGRESS',
        success_count: 1,
      });
      expect(theirs).toMatchObject({
        domain_id: 'domain-other',
        status: 'FAILURE',
        success_count: 0,
      });
    });
  });

  describe('applied and duplicates', () => {
    it('should list the new events in input order and the repeated ones as duplicates', () => {
      const [a, b, c] = [aCreatedEvent(), aStartedEvent(), aResourceSucceededEvent()];
      const current = stored(projectJobTask(null, [a]).document);
      const result = projectJobTask(current, [c, a, b, c]);
      expect(result.applied).toEqual([c, b]);
      expect(result.duplicates).toEqual([a, c]);
    });

    it('should return the current document unchanged for an empty batch', () => {
      const current = stored(projectJobTask(null, [aCreatedEvent()]).document);
      expect(projectJobTask(current, [])).toEqual({
        document: current,
        applied: [],
        duplicates: [],
      });
    });

    it('should refuse to project nothing into nothing', () => {
      expect(() => projectJobTask(null, [])).toThrow(EmptyProjectionError);
    });
  });
});
