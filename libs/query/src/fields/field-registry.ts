import {
  ERROR_INFO_FIELDS,
  type ErrorInfoFieldType,
  JOB_TASK_FIELDS as STORED_FIELDS,
  JOB_TASK_INFO_KEYS,
  type JobTaskFieldType,
  type JobTaskInfo,
} from '@app/domain';

/**
 * Which JobTaskInfo keys the query language knows, and how each is indexed, read from libs/domain's
 * field table (which the ES mapping is built from too). Filter translation, sort validation and
 * `only` all consult it, so an unknown key fails early with a 400 instead of silently matching nothing.
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

export const ERRORS_PATH = 'errors' satisfies keyof JobTaskInfo;

const spec = (key: string, kind: FieldKind): FieldSpec => ({
  key,
  kind,
  filterable: kind !== 'error-object',
  sortable: kind === 'keyword' || kind === 'integer' || kind === 'date',
});

const TOP_LEVEL_KIND: Readonly<Record<JobTaskFieldType, FieldKind>> = {
  keyword: 'keyword',
  integer: 'integer',
  date: 'date',
  nested: 'errors',
};
const ERROR_KIND: Readonly<Record<ErrorInfoFieldType, FieldKind>> = {
  keyword: 'error-keyword',
  object: 'error-object',
};

/** The top-level fields in the table's order, then `errors.*`. */
export const JOB_TASK_FIELDS: readonly FieldSpec[] = [
  ...STORED_FIELDS.map((field) => spec(field.key, TOP_LEVEL_KIND[field.type])),
  ...ERROR_INFO_FIELDS.map((field) => spec(`${ERRORS_PATH}.${field.key}`, ERROR_KIND[field.type])),
];

const BY_KEY = new Map(JOB_TASK_FIELDS.map((f) => [f.key, f]));

export function lookupField(key: string): FieldSpec | undefined {
  return BY_KEY.get(key);
}

export type JobTaskInfoField = keyof JobTaskInfo;

/** The public top-level fields in response order; `only` may name any of them. */
export const JOB_TASK_INFO_FIELDS: readonly JobTaskInfoField[] = JOB_TASK_INFO_KEYS;

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

const PUBLIC_KEYS: ReadonlySet<string> = new Set(JOB_TASK_INFO_FIELDS);

export function isJobTaskInfoField(key: string): key is JobTaskInfoField {
  return PUBLIC_KEYS.has(key);
}
