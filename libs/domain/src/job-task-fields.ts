import type { ErrorInfo, JobTaskDocument, JobTaskInfo } from './job-task-document';

/**
 * The one table of JobTaskInfo's fields and how each is stored in the read model. The Elasticsearch
 * mapping (libs/platform), the query language's key table, the public field list and its order, and
 * the stat readers (libs/query) all derive from it, so adding or retyping a field is one edit here
 * (plus, for a stored type, a new index version and a rebuild).
 */
export type JobTaskFieldType = 'keyword' | 'integer' | 'date' | 'nested';
export type ErrorInfoFieldType = 'keyword' | 'object';

export interface JobTaskFieldDef {
  readonly key: keyof JobTaskInfo;
  readonly type: JobTaskFieldType;
  /** where the field stands in every answer (JobTaskInfo's order, api.md) */
  readonly answerPosition: number;
}

export interface ErrorInfoFieldDef {
  readonly key: keyof ErrorInfo;
  /** `object` is stored and returned but never indexed */
  readonly type: ErrorInfoFieldType;
  /** longer values are stored but not indexed (ES `ignore_above`) */
  readonly maxIndexedLength?: number;
}

/**
 * In the query language's order (keys, counts, dates, errors), which error messages list.
 * `nested` is the `errors` list, whose elements are ERROR_INFO_FIELDS.
 */
export const JOB_TASK_FIELDS = [
  { key: 'job_task_id', type: 'keyword', answerPosition: 0 },
  { key: 'domain_id', type: 'keyword', answerPosition: 10 },
  { key: 'status', type: 'keyword', answerPosition: 1 },
  { key: 'job_id', type: 'keyword', answerPosition: 5 },
  { key: 'secret_id', type: 'keyword', answerPosition: 6 },
  { key: 'provider', type: 'keyword', answerPosition: 7 },
  { key: 'service_account_id', type: 'keyword', answerPosition: 8 },
  { key: 'project_id', type: 'keyword', answerPosition: 9 },
  { key: 'success_count', type: 'integer', answerPosition: 2 },
  { key: 'failure_count', type: 'integer', answerPosition: 3 },
  { key: 'created_at', type: 'date', answerPosition: 11 },
  { key: 'started_at', type: 'date', answerPosition: 12 },
  { key: 'finished_at', type: 'date', answerPosition: 13 },
  { key: 'errors', type: 'nested', answerPosition: 4 },
] as const satisfies readonly JobTaskFieldDef[];

export const ERROR_INFO_FIELDS = [
  { key: 'error_code', type: 'keyword' },
  // Lucene rejects terms over 32,766 bytes; 8,191 characters of UTF-8 always fit.
  { key: 'message', type: 'keyword', maxIndexedLength: 8191 },
  { key: 'additional', type: 'object' },
] as const satisfies readonly ErrorInfoFieldDef[];

/** The stored field that is not public: the projector's bookkeeping, never indexed nor returned. */
export const JOB_TASK_BOOKKEEPING_FIELD = 'projection' satisfies Exclude<
  keyof JobTaskDocument,
  keyof JobTaskInfo
>;

// Compile-time ties: each table names every field of its interface (a missing one is a type error).
type Missing<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : Exclude<All, Listed>;
type Holds<T extends true> = T;
export type EveryJobTaskInfoFieldListed = Holds<
  Missing<keyof JobTaskInfo, (typeof JOB_TASK_FIELDS)[number]['key']>
>;
export type EveryErrorInfoFieldListed = Holds<
  Missing<keyof ErrorInfo, (typeof ERROR_INFO_FIELDS)[number]['key']>
>;

/** JobTaskInfo's keys in answer order. */
export const JOB_TASK_INFO_KEYS: readonly (keyof JobTaskInfo)[] = [...JOB_TASK_FIELDS]
  .sort((a, b) => a.answerPosition - b.answerPosition)
  .map((field) => field.key);
