/**
 * Which JobTaskInfo keys the query language knows, and how each is indexed. The ES mapping and this
 * table must agree: filter translation, sort validation and `only` all consult it, so an unknown key
 * fails early with a 400 instead of silently matching nothing.
 */
export type FieldKind =
  /** keyword field at the top level */
  | 'keyword'
  /** integer (int32) field */
  | 'integer'
  /** date field, stored as millisecond instants */
  | 'date'
  /** the nested `errors` array itself */
  | 'errors'
  /** a keyword inside each element of `errors` */
  | 'error-keyword'
  /** `errors.additional`: stored, returned, never indexed */
  | 'error-object';

export interface FieldSpec {
  readonly key: string;
  readonly kind: FieldKind;
  readonly filterable: boolean;
  readonly sortable: boolean;
}

export const ERRORS_PATH = 'errors';

const spec = (key: string, kind: FieldKind): FieldSpec => ({
  key,
  kind,
  filterable: kind !== 'error-object',
  sortable: kind === 'keyword' || kind === 'integer' || kind === 'date',
});

export const JOB_TASK_FIELDS: readonly FieldSpec[] = [
  spec('job_task_id', 'keyword'),
  spec('domain_id', 'keyword'),
  spec('status', 'keyword'),
  spec('job_id', 'keyword'),
  spec('secret_id', 'keyword'),
  spec('provider', 'keyword'),
  spec('service_account_id', 'keyword'),
  spec('project_id', 'keyword'),
  spec('success_count', 'integer'),
  spec('failure_count', 'integer'),
  spec('created_at', 'date'),
  spec('started_at', 'date'),
  spec('finished_at', 'date'),
  spec('errors', 'errors'),
  spec('errors.error_code', 'error-keyword'),
  spec('errors.message', 'error-keyword'),
  spec('errors.additional', 'error-object'),
];

const BY_KEY = new Map(JOB_TASK_FIELDS.map((f) => [f.key, f]));

export function lookupField(key: string): FieldSpec | undefined {
  return BY_KEY.get(key);
}

/** The public top-level fields in response order; `only` may name any of them. */
export const JOB_TASK_INFO_FIELDS = [
  'job_task_id',
  'status',
  'success_count',
  'failure_count',
  'errors',
  'job_id',
  'secret_id',
  'provider',
  'service_account_id',
  'project_id',
  'domain_id',
  'created_at',
  'started_at',
  'finished_at',
] as const;
export type JobTaskInfoField = (typeof JOB_TASK_INFO_FIELDS)[number];

/** `minimal: true` returns exactly these (api.md), overriding `only`. */
export const MINIMAL_FIELDS: readonly JobTaskInfoField[] = [
  'job_task_id',
  'status',
  'success_count',
  'failure_count',
  'job_id',
  'created_at',
  'started_at',
  'finished_at',
];

export const SORTABLE_KEYS: readonly string[] = JOB_TASK_FIELDS.filter((f) => f.sortable).map(
  (f) => f.key,
);

export function isJobTaskInfoField(key: string): key is JobTaskInfoField {
  return (JOB_TASK_INFO_FIELDS as readonly string[]).includes(key);
}
