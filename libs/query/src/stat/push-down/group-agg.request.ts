import type { JsonObject } from '../../search-port';
import { conditionsQuery } from './condition-query';
import { histogramInterval } from '../date-format';
import { JOB_TASK_COLUMNS } from '../field-kind';
import type { GroupStage } from '../plan/plan.selector';
import type { GroupField } from '../stat.types';

/** Distinct values fetched per group for size/add_to_set; a larger set falls back to the scan path. */
export const SET_SIZE = 1000;
/** Stays well under Elasticsearch's search.max_buckets (65,536) whatever the sub-aggregations hold. */
const BUCKET_BUDGET = 50000;
const MAX_PAGE = 1000;

const STREAM_ORDER_ASC = [
  { created_at: { order: 'asc', missing: '_first' } },
  { job_task_id: { order: 'asc' } },
];
const STREAM_ORDER_DESC = [
  { created_at: { order: 'desc', missing: '_last' } },
  { job_task_id: { order: 'desc' } },
];

const isInteger = (key: string): boolean => JOB_TASK_COLUMNS[key]?.t === 'number';
const isKeyword = (key: string): boolean =>
  key.startsWith('errors.') || JOB_TASK_COLUMNS[key]?.t === 'string';

export const fieldAggName = (i: number): string => `f${i}`;
export const keySourceName = (i: number): string => `k${i}`;

function fieldAgg(f: GroupField): JsonObject | null {
  switch (f.operator) {
    case 'count':
      return f.conditions.length === 0
        ? null
        : { filter: conditionsQuery(f.conditions, isInteger) };
    case 'sum':
    case 'average':
      return {
        filter: conditionsQuery(f.conditions, isInteger),
        aggs: { s: { sum: { field: f.key } }, n: { value_count: { field: f.key } } },
      };
    case 'min':
    case 'max':
      // min/max aggregations are numeric; a keyword's extreme is the first term in byte order.
      return isKeyword(f.key)
        ? {
            terms: {
              field: f.key,
              size: 1,
              order: { _key: f.operator === 'min' ? 'asc' : 'desc' },
            },
          }
        : { [f.operator]: { field: f.key } };
    case 'size':
    case 'add_to_set':
      return { terms: { field: f.key, size: SET_SIZE } };
    case 'first':
    case 'last':
      return {
        top_hits: {
          size: 1,
          sort: f.operator === 'first' ? STREAM_ORDER_ASC : STREAM_ORDER_DESC,
          _source: { includes: [f.key.split('.')[0], 'created_at', 'job_task_id'] },
        },
      };
    case 'merge_objects':
    case 'push':
      throw new Error(`${f.operator} is never planned as an aggregation`);
    default: {
      const unreachable: never = f;
      return unreachable;
    }
  }
}

function bucketWeight(f: GroupField): number {
  if (f.operator === 'size' || f.operator === 'add_to_set') return SET_SIZE;
  if ((f.operator === 'min' || f.operator === 'max') && isKeyword(f.key)) return 1;
  return 0;
}

export function fieldAggs(g: GroupStage): JsonObject {
  const aggs: JsonObject = {};
  g.fields.forEach((f, i) => {
    const agg = fieldAgg(f);
    if (agg !== null) aggs[fieldAggName(i)] = agg;
  });
  return aggs;
}

export function compositePageSize(g: GroupStage): number {
  const perBucket = 1 + g.fields.reduce((n, f) => n + bucketWeight(f), 0);
  return Math.max(1, Math.min(MAX_PAGE, Math.floor(BUCKET_BUDGET / perBucket)));
}

export function compositeSources(g: GroupStage): JsonObject[] {
  return g.keys.map((k, i) => {
    const source =
      k.dateFormat === null
        ? { terms: { field: k.key, missing_bucket: true } }
        : {
            date_histogram: {
              field: k.key,
              ...histogramInterval(k.dateFormat),
              missing_bucket: true,
            },
          };
    return { [keySourceName(i)]: source };
  });
}

/**
 * The `aggs` of one request. With keys, a composite paged by `after`; without keys, one bucket for
 * the whole scope. Under `unwind errors` both sit inside a `nested` aggregation, so each error row
 * counts once, exactly like MongoDB's $unwind.
 */
export function groupAggs(
  g: GroupStage,
  nested: boolean,
  after: JsonObject | undefined,
): JsonObject {
  const sub = fieldAggs(g);
  const withSub = Object.keys(sub).length === 0 ? {} : { aggs: sub };
  const inner: JsonObject =
    g.keys.length === 0
      ? { filter: { match_all: {} }, ...withSub }
      : {
          composite: {
            size: compositePageSize(g),
            sources: compositeSources(g),
            ...(after === undefined ? {} : { after }),
          },
          ...withSub,
        };
  return nested
    ? { rows: { nested: { path: 'errors' }, aggs: { groups: inner } } }
    : { groups: inner };
}
