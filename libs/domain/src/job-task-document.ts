/** The read model: one document per (domain_id, job_task_id) in the `job-tasks` alias. */
import type { ProjectionState } from './projection/projection-state.types';

export type { ProjectionState };

export const JOB_TASK_STATUSES = [
  'JOB_TASK_STATE_NONE',
  'PENDING',
  'IN_PROGRESS',
  'SUCCESS',
  'FAILURE',
] as const;
export type JobTaskStatus = (typeof JOB_TASK_STATUSES)[number];

export interface ErrorInfo {
  error_code: string;
  message: string;
  /** Always an object in the read model (`{}` when the event carried none). */
  additional: Record<string, unknown>;
}

/** The public fields, exactly as the API returns them (timestamps are RFC 3339 UTC with milliseconds). */
export interface JobTaskInfo {
  job_task_id: string;
  domain_id: string;
  status: JobTaskStatus;
  success_count: number;
  failure_count: number;
  errors: ErrorInfo[];
  job_id: string | null;
  secret_id: string | null;
  provider: string | null;
  service_account_id: string | null;
  project_id: string | null;
  created_at: string | null;
  started_at: string | null;
  finished_at: string | null;
}

/**
 * What is stored in Elasticsearch: the public fields plus the projection's own bookkeeping, which the
 * mapping keeps un-indexed (`enabled: false`) and the API never returns. Its shape is owned by
 * `projection/projection-state.types.ts`; readers outside the projection treat it as opaque.
 */
export interface JobTaskDocument extends JobTaskInfo {
  projection: ProjectionState;
}
