import {
  aCreatedEvent,
  aFailedEvent,
  aResourceFailedEvent,
  aResourceSucceededEvent,
  aStartedEvent,
  aSucceededEvent,
  anErrorInfo,
  given,
} from '@app/testing/projection';
import { projectJobTask } from './job-task.projection';

const at = (seconds: number): string =>
  new Date(Date.UTC(2026, 10, 28, 10, 0, seconds)).toISOString();

describe(`${projectJobTask.name} (errors and descriptive fields)`, () => {
  describe('rule 4: errors from resource_failed and failed, in event order then position', () => {
    it('should order errors by occurred_at, sequence, event_id and position in the event', () => {
      const e = (code: string) => anErrorInfo({ error_code: code });
      given(
        aFailedEvent({ occurred_at: at(5), sequence: 1, data: { errors: [e('F1'), e('F2')] } }),
        aResourceFailedEvent({
          occurred_at: at(5),
          sequence: 0,
          event_id: 'z',
          data: { error: e('R3') },
        }),
      )
        .when(
          aResourceFailedEvent({
            occurred_at: at(5),
            sequence: 0,
            event_id: 'a',
            data: { error: e('R2') },
          }),
          aResourceFailedEvent({ occurred_at: at(1), sequence: 9, data: { error: e('R1') } }),
        )
        .then({ errors: ['R1', 'R2', 'R3', 'F1', 'F2'].map(e) });
    });

    it('should add nothing for a resource_failed event without error', () => {
      given(aResourceFailedEvent())
        .when(aResourceFailedEvent({ data: { error: null } }))
        .then({
          errors: [anErrorInfo()],
          failure_count: 2,
        });
    });

    it('should keep errors of a losing failed event', () => {
      given(aSucceededEvent({ occurred_at: at(9) }))
        .when(
          aFailedEvent({
            occurred_at: at(1),
            data: { errors: [anErrorInfo({ message: 'kept' })] },
          }),
        )
        .then({ status: 'SUCCESS', errors: [anErrorInfo({ message: 'kept' })] });
    });

    it('should expose plain ErrorInfo objects without sort keys', () => {
      const document = projectJobTask(null, [aResourceFailedEvent()]).document;
      expect(Object.keys(document.errors[0] ?? {}).sort()).toEqual([
        'additional',
        'error_code',
        'message',
      ]);
    });
  });

  describe('rule 5: created and started from the earliest events; absent means null', () => {
    it('should project a task without created, with null descriptive fields', () => {
      given()
        .when(aStartedEvent({ occurred_at: at(2) }))
        .then({
          status: 'IN_PROGRESS',
          job_id: null,
          project_id: null,
          provider: null,
          secret_id: null,
          service_account_id: null,
          created_at: null,
          started_at: at(2),
          finished_at: null,
        });
    });

    it('should complete the task when created arrives last', () => {
      given(aStartedEvent(), aResourceSucceededEvent(), aSucceededEvent())
        .when(aCreatedEvent({ occurred_at: at(0), data: { job_id: 'job-9', project_id: null } }))
        .then({
          status: 'SUCCESS',
          job_id: 'job-9',
          project_id: null,
          provider: 'aws',
          created_at: at(0),
        });
    });

    it('should take created_at and descriptive fields from the earliest created event', () => {
      given(aCreatedEvent({ occurred_at: at(3), data: { job_id: 'late' } }))
        .when(aCreatedEvent({ occurred_at: at(1), data: { job_id: 'early', provider: 'gcp' } }))
        .then({ job_id: 'early', provider: 'gcp', created_at: at(1) });
    });

    it('should break a tie between created events by sequence, then event_id', () => {
      given(aCreatedEvent({ occurred_at: at(1), sequence: 2, data: { job_id: 'seq-2' } }))
        .when(
          aCreatedEvent({
            occurred_at: at(1),
            sequence: 1,
            event_id: 'zzz',
            data: { job_id: 'seq-1' },
          }),
        )
        .then({ job_id: 'seq-1' });
    });

    it('should take started_at from the earliest started event', () => {
      given(aStartedEvent({ occurred_at: at(4) }))
        .when(aStartedEvent({ occurred_at: at(2) }))
        .then({ started_at: at(2) });
    });

    it('should leave every timestamp null for a task with only resource events', () => {
      given()
        .when(aResourceSucceededEvent())
        .then({ created_at: null, started_at: null, finished_at: null });
    });
  });
});
