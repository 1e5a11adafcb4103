import type { ErrorInfo } from '../job-task-document';

export const JOB_TASK_EVENT_TYPES = [
  'job_task.created',
  'job_task.started',
  'job_task.resource_succeeded',
  'job_task.resource_failed',
  'job_task.succeeded',
  'job_task.failed',
] as const;
export type JobTaskEventType = (typeof JOB_TASK_EVENT_TYPES)[number];

export function isJobTaskEventType(value: string): value is JobTaskEventType {
  return (JOB_TASK_EVENT_TYPES as readonly string[]).includes(value);
}

/**
 * The envelope after decoding: `occurred_at` is normalised to `YYYY-MM-DDTHH:mm:ss.sssZ`, `sequence` is 0 when the
 * emitter sent none, and `data` has every optional field resolved (defaults applied, absent → null or []).
 */
interface JobTaskEventOf<T extends JobTaskEventType, D> {
  event_id: string;
  event_type: T;
  occurred_at: string;
  domain_id: string;
  job_task_id: string;
  sequence: number;
  data: D;
}

export interface JobTaskCreatedData {
  job_id: string;
  project_id: string | null;
  provider: string | null;
  secret_id: string | null;
  service_account_id: string | null;
}
export type JobTaskStartedData = Record<string, never>;
export interface JobTaskResourceSucceededData {
  count: number;
}
export interface JobTaskResourceFailedData {
  count: number;
  error: ErrorInfo | null;
}
export interface JobTaskSucceededData {
  success_count: number | null;
  failure_count: number | null;
}
export interface JobTaskFailedData {
  success_count: number | null;
  failure_count: number | null;
  errors: ErrorInfo[];
}

export type JobTaskCreated = JobTaskEventOf<'job_task.created', JobTaskCreatedData>;
export type JobTaskStarted = JobTaskEventOf<'job_task.started', JobTaskStartedData>;
export type JobTaskResourceSucceeded = JobTaskEventOf<
  'job_task.resource_succeeded',
  JobTaskResourceSucceededData
>;
export type JobTaskResourceFailed = JobTaskEventOf<
  'job_task.resource_failed',
  JobTaskResourceFailedData
>;
export type JobTaskSucceeded = JobTaskEventOf<'job_task.succeeded', JobTaskSucceededData>;
export type JobTaskFailed = JobTaskEventOf<'job_task.failed', JobTaskFailedData>;

export type JobTaskEvent =
  | JobTaskCreated
  | JobTaskStarted
  | JobTaskResourceSucceeded
  | JobTaskResourceFailed
  | JobTaskSucceeded
  | JobTaskFailed;
