import type { ErrorInfo, JobTaskInfo } from '@app/domain';

/** JobTaskInfo factory for stat tests: every field set, overridable. */
export function statTask(overrides: Partial<JobTaskInfo> = {}): JobTaskInfo {
  return {
    job_task_id: 'job_task-000000000000',
    domain_id: 'domain-1',
    status: 'SUCCESS',
    success_count: 0,
    failure_count: 0,
    errors: [],
    job_id: 'job-a',
    secret_id: null,
    provider: null,
    service_account_id: null,
    project_id: null,
    created_at: '2026-11-28T10:00:00.000Z',
    started_at: null,
    finished_at: null,
    ...overrides,
  };
}

export function statError(error_code: string, message: string, additional = {}): ErrorInfo {
  return { error_code, message, additional };
}

/** Five tasks covering nulls, a task without created_at, and tasks with zero, one and two errors. */
export const STAT_SAMPLE: JobTaskInfo[] = [
  statTask({
    job_task_id: 'job_task-3',
    status: 'SUCCESS',
    success_count: 3,
    failure_count: 1,
    job_id: 'job-b',
    created_at: '2026-11-29T09:30:00.000Z',
    finished_at: '2026-11-29T09:40:00.000Z',
    errors: [statError('E1', 'm3', { b: 2 })],
  }),
  statTask({
    job_task_id: 'job_task-1',
    status: 'SUCCESS',
    success_count: 5,
    provider: 'aws',
    created_at: '2026-11-28T10:00:00.000Z',
    finished_at: '2026-11-28T10:05:00.000Z',
  }),
  statTask({
    job_task_id: 'job_task-5',
    status: 'FAILURE',
    success_count: 2,
    failure_count: 5,
    provider: 'gcp',
    created_at: '2026-12-01T00:00:00.000Z',
    errors: [statError('E2', 'm4', { a: 3 })],
  }),
  statTask({
    job_task_id: 'job_task-2',
    status: 'FAILURE',
    success_count: 1,
    failure_count: 2,
    provider: 'gcp',
    created_at: '2026-11-28T11:00:00.000Z',
    errors: [statError('E1', 'm1', { a: 1 }), statError('E2', 'm2')],
  }),
  statTask({
    job_task_id: 'job_task-4',
    status: 'PENDING',
    job_id: 'job-b',
    provider: 'aws',
    created_at: null,
  }),
];
