import type { QueryScope } from '../filter';

/** The normalised StatisticsQuery: both wire formats become one ordered list of stages. */
export type ConditionOperator = 'eq' | 'not' | 'gt' | 'gte' | 'lt' | 'lte';
export const CONDITION_OPERATORS: readonly ConditionOperator[] = [
  'eq',
  'not',
  'gt',
  'gte',
  'lt',
  'lte',
];

/** Condition values are typed to their key at parse time (dates become `Date`), so both engines compare alike. */
export type ConditionValue = string | number | Date;

export interface FieldCondition {
  key: string;
  operator: ConditionOperator;
  value: ConditionValue;
}

export type DatePart = 'year' | 'month' | 'day';
export type DateFormat = { kind: 'part'; part: DatePart } | { kind: 'pattern'; pattern: string };

export interface GroupKey {
  key: string;
  name: string;
  dateFormat: DateFormat | null;
}

export const GROUP_OPERATORS = [
  'count',
  'sum',
  'average',
  'max',
  'min',
  'first',
  'last',
  'size',
  'add_to_set',
  'merge_objects',
  'push',
] as const;
export type GroupOperator = (typeof GROUP_OPERATORS)[number];

export interface PushSubField {
  key: string;
  name: string;
}

export type GroupField =
  | { operator: 'count'; name: string; conditions: FieldCondition[] }
  | { operator: 'sum' | 'average'; name: string; key: string; conditions: FieldCondition[] }
  | {
      operator: 'max' | 'min' | 'first' | 'last' | 'size' | 'add_to_set' | 'merge_objects';
      name: string;
      key: string;
    }
  /** Exactly one of `key` (push the value) or `fields` (push an object per row) is set. */
  | { operator: 'push'; name: string; key: string | null; fields: PushSubField[] };

export interface SortKey {
  key: string;
  desc: boolean;
}

export interface ProjectField {
  key: string;
  name: string;
  operator: 'size' | null;
}

export type Stage =
  | { stage: 'unwind'; path: string }
  | { stage: 'group'; keys: GroupKey[]; fields: GroupField[] }
  | { stage: 'count'; name: string }
  | { stage: 'sort'; keys: SortKey[] }
  | { stage: 'project'; fields: ProjectField[]; excludeKeys: boolean }
  | { stage: 'limit'; count: number }
  | { stage: 'skip'; count: number };

export type StatBody =
  | { kind: 'aggregate'; format: 'A' | 'B'; stages: Stage[] }
  /** `desc` and `limit` come from Format A's top-level `sort`/`limit`, which SpaceONE applied to distinct too. */
  | { kind: 'distinct'; field: string; desc: boolean; limit: number | null };

export interface StatPage {
  start: number;
  limit: number;
}

export interface StatRequest {
  domainId: string;
  scope: QueryScope;
  body: StatBody;
  /** Null unless `page.limit > 0`; `start` is already clamped to >= 1. */
  page: StatPage | null;
  /** the answer moves with the clock (a `timediff_*` condition), so it is never cached */
  dependsOnClock: boolean;
}

export interface StatLimits {
  /** Most groups (or distinct values) any stage may produce; more is a 400, never a truncated answer. */
  maxGroups: number;
  /** Most documents the in-API path may read for pipelines Elasticsearch cannot run exactly. */
  maxScanDocs?: number;
  /**
   * False skips the plans that are exact only on one shard (top N by count) when the read model is
   * configured with more (READ_MODEL_SHARDS > 1): they would be sent and thrown away. When true the
   * response still decides, since the index may have been built with another setting.
   */
  singleShardPlans?: boolean;
}

export const DEFAULT_STAT_LIMITS: Required<StatLimits> = {
  maxGroups: 10000,
  maxScanDocs: 50000,
  singleShardPlans: true,
};

export interface StatResult {
  results: unknown[];
  total_count?: number;
}
