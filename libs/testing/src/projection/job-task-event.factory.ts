import type {
  ErrorInfo,
  JobTaskCreated,
  JobTaskEvent,
  JobTaskFailed,
  JobTaskResourceFailed,
  JobTaskResourceSucceeded,
  JobTaskStarted,
  JobTaskSucceeded,
} from '@app/domain';
import { newId } from './new-id.factory';

/** The task every factory event belongs to unless overridden, so that scenarios need no ids. */
export const TEST_TASK = { domain_id: 'domain-test', job_task_id: 'job-task-test' } as const;
export const TEST_TIME = '2026-11-28T10:00:00.000Z';

export type EventOverrides<E extends JobTaskEvent> = Partial<Omit<E, 'event_type' | 'data'>> & {
  data?: Partial<E['data']>;
};

function anEvent<E extends JobTaskEvent>(
  event_type: E['event_type'],
  data: E['data'],
  overrides: EventOverrides<E>,
): E {
  const { data: dataOverrides, ...envelope } = overrides;
  return {
    event_id: newId('event'),
    occurred_at: TEST_TIME,
    ...TEST_TASK,
    sequence: 0,
    ...envelope,
    event_type,
    data: { ...data, ...dataOverrides },
  } as E;
}

export function anErrorInfo(overrides: Partial<ErrorInfo> = {}): ErrorInfo {
  return { error_code: 'ERROR_TEST', message: 'test error', additional: {}, ...overrides };
}

export const aCreatedEvent = (overrides: EventOverrides<JobTaskCreated> = {}): JobTaskCreated =>
  anEvent<JobTaskCreated>(
    'job_task.created',
    {
      job_id: 'job-test',
      project_id: 'project-test',
      provider: 'aws',
      secret_id: 'secret-test',
      service_account_id: 'sa-test',
    },
    overrides,
  );

export const aStartedEvent = (overrides: EventOverrides<JobTaskStarted> = {}): JobTaskStarted =>
  anEvent<JobTaskStarted>('job_task.started', {}, overrides);

export const aResourceSucceededEvent = (
  overrides: EventOverrides<JobTaskResourceSucceeded> = {},
): JobTaskResourceSucceeded =>
  anEvent<JobTaskResourceSucceeded>('job_task.resource_succeeded', { count: 1 }, overrides);

export const aResourceFailedEvent = (
  overrides: EventOverrides<JobTaskResourceFailed> = {},
): JobTaskResourceFailed =>
  anEvent<JobTaskResourceFailed>(
    'job_task.resource_failed',
    { count: 1, error: anErrorInfo() },
    overrides,
  );

export const aSucceededEvent = (
  overrides: EventOverrides<JobTaskSucceeded> = {},
): JobTaskSucceeded =>
  anEvent<JobTaskSucceeded>(
    'job_task.succeeded',
    { success_count: null, failure_count: null },
    overrides,
  );

export const aFailedEvent = (overrides: EventOverrides<JobTaskFailed> = {}): JobTaskFailed =>
  anEvent<JobTaskFailed>(
    'job_task.failed',
    { success_count: null, failure_count: null, errors: [] },
    overrides,
  );
