import type { JobTaskInfo } from '@app/domain';
import { aJobTask } from '../seed-index';

/** The API's "now" in the gRPC suites, so that timediff conditions have fixed answers. */
export const FIXED_NOW = new Date('2026-11-10T00:00:00.000Z');
export const fixedClock = (): Date => FIXED_NOW;

export const DOMAIN = 'd1';
export const OTHER_DOMAIN = 'd2';

/**
 * Six tasks of DOMAIN covering every field kind, nulls and proto3 defaults (t6 has status 0,
 * zero counts and nothing else). Default order (created_at desc, nulls last): t5 t4 t3 t2 t1 t6.
 */
export const MINE: readonly JobTaskInfo[] = [
  aJobTask({
    domain_id: DOMAIN,
    job_task_id: 't1',
    status: 'SUCCESS',
    success_count: 3,
    failure_count: 0,
    job_id: 'job-alpha',
    secret_id: 'secret-1',
    provider: 'aws',
    service_account_id: 'sa-1',
    project_id: 'project-1',
    created_at: '2026-11-01T00:00:00.000Z',
    started_at: '2026-11-01T00:01:00.000Z',
    finished_at: '2026-11-01T00:02:00.123Z',
  }),
  aJobTask({
    domain_id: DOMAIN,
    job_task_id: 't2',
    status: 'FAILURE',
    success_count: 1,
    failure_count: 2,
    errors: [
      {
        error_code: 'E_TIMEOUT',
        message: 'Timed out after 30s',
        additional: { retry: true, n: 2 },
      },
      { error_code: 'E_AUTH', message: 'Access denied', additional: {} },
    ],
    job_id: 'job-alpha',
    secret_id: 'secret-2',
    provider: 'gcp',
    service_account_id: 'sa-2',
    project_id: 'project-1',
    created_at: '2026-11-02T06:00:00.000Z',
    started_at: '2026-11-02T06:00:01.000Z',
    finished_at: '2026-11-02T06:10:00.000Z',
  }),
  aJobTask({
    domain_id: DOMAIN,
    job_task_id: 't3',
    status: 'IN_PROGRESS',
    success_count: 0,
    job_id: 'job-beta',
    provider: 'aws',
    project_id: 'project-2',
    created_at: '2026-11-03T12:00:00.000Z',
    started_at: '2026-11-03T12:00:05.000Z',
  }),
  aJobTask({
    domain_id: DOMAIN,
    job_task_id: 't4',
    status: 'PENDING',
    success_count: 0,
    job_id: 'job-beta',
    provider: 'azure',
    project_id: 'project-2',
    created_at: '2026-11-04T18:00:00.000Z',
  }),
  aJobTask({
    domain_id: DOMAIN,
    job_task_id: 't5',
    status: 'FAILURE',
    success_count: 0,
    failure_count: 1,
    errors: [{ error_code: 'E_TIMEOUT', message: 'Timed out after 60s', additional: {} }],
    job_id: 'job-gamma',
    secret_id: 'secret-1',
    provider: 'aws',
    service_account_id: 'sa-1',
    created_at: '2026-11-05T00:00:00.000Z',
    started_at: '2026-11-05T00:00:00.500Z',
    finished_at: '2026-11-05T00:30:00.000Z',
  }),
  aJobTask({
    domain_id: DOMAIN,
    job_task_id: 't6',
    status: 'JOB_TASK_STATE_NONE',
    success_count: 0,
    job_id: null,
    provider: null,
    created_at: null,
  }),
];

/** Another tenant sharing ids, job ids, providers and error codes with MINE. */
export const THEIRS: readonly JobTaskInfo[] = [
  aJobTask({
    domain_id: OTHER_DOMAIN,
    job_task_id: 't1',
    job_id: 'job-alpha',
    provider: 'aws',
    errors: [{ error_code: 'E_TIMEOUT', message: 'theirs', additional: { leaked: true } }],
    created_at: '2026-11-06T00:00:00.000Z',
  }),
  aJobTask({
    domain_id: OTHER_DOMAIN,
    job_task_id: 't9',
    status: 'FAILURE',
    job_id: 'job-alpha',
    provider: 'aws',
    created_at: '2026-11-07T00:00:00.000Z',
  }),
];
