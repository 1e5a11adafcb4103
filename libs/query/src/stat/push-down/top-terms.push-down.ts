import type { DomainSearchPort, JsonObject } from '../../search-port';
import { answeredByOneShard } from '../../single-shard';
import { asArray, asNumber, asObject, docCount } from './es-json';
import { groupRows } from './group-agg.reader';
import { compositePageSize, fieldAggs, keySourceName } from './group-agg.request';
import type { StatPlan } from '../plan/plan.selector';
import type { Row } from '../in-memory/row-value';

type GroupPlan = StatPlan & { path: 'group' };

/** A group by one key whose next stages are "sort by a plain count, descending" then "limit N". */
export interface TopTermsPlan {
  plan: GroupPlan;
  field: string;
  size: number;
}

/**
 * Recognises "group by X, top N by count". Today's answer orders the groups by key (nulls first),
 * then stable-sorts them by count, so ties keep ascending key order: exactly a `terms` aggregation
 * ordered by `_count` desc then `_key` asc (keyword byte order is code-point order, numbers and
 * dates compare as numbers), with the missing-key group added beside it.
 */
export function topTermsPlan(plan: StatPlan): TopTermsPlan | null {
  if (plan.path !== 'group' || plan.nested) return null;
  const [key, ...moreKeys] = plan.group.keys;
  if (key === undefined || moreKeys.length > 0 || key.dateFormat !== null) return null;
  const [sort, limit] = plan.rest;
  if (sort?.stage !== 'sort' || limit?.stage !== 'limit') return null;
  const [sortKey, ...moreSortKeys] = sort.keys;
  if (sortKey === undefined || moreSortKeys.length > 0 || !sortKey.desc) return null;
  const byCount = plan.group.fields.some(
    (f) => f.operator === 'count' && f.conditions.length === 0 && f.name === sortKey.key,
  );
  // A key name can shadow a field name only if validation let both through; never guess which wins.
  if (!byCount || plan.group.keys.some((k) => k.name === sortKey.key)) return null;
  if (limit.count < 1 || limit.count > compositePageSize(plan.group)) return null;
  return { plan, field: key.key, size: limit.count };
}

const GROUPS = 'groups';
const MISSING = 'missing_key';

export function topTermsAggs(top: TopTermsPlan): JsonObject {
  const sub = fieldAggs(top.plan.group);
  const withSub = Object.keys(sub).length === 0 ? {} : { aggs: sub };
  return {
    [GROUPS]: {
      terms: {
        field: top.field,
        size: top.size,
        order: [{ _count: 'desc' }, { _key: 'asc' }],
      },
      ...withSub,
    },
    [MISSING]: { missing: { field: top.field }, ...withSub },
  };
}

/** A terms (or missing) bucket in the shape the composite reader expects: key under `k0`. */
const asCompositeBucket = (bucket: JsonObject, key: unknown): JsonObject => ({
  ...bucket,
  key: { [keySourceName(0)]: key },
});

/**
 * Runs the top-N groups as one `terms` request. Returns null when the answer would not be provably
 * the one paging every group gives, and the caller pages instead:
 * - the index has more than one shard (each shard's own top list can miss or undercount a term);
 * - the scope may hold more than `maxGroups` groups, which today's answer refuses (400): every group
 *   not returned holds at least one document, so `sum_other_doc_count` bounds their number.
 * The rows returned contain the top N and the missing-key group; the plan's own sort and limit,
 * run after, pick the answer from them exactly as they do from all groups.
 */
export async function runTopTerms(
  port: DomainSearchPort,
  query: JsonObject,
  top: TopTermsPlan,
  maxGroups: number,
): Promise<Row[] | null> {
  const res = await port.search({
    size: 0,
    query,
    track_total_hits: false,
    aggs: topTermsAggs(top),
  });
  if (!answeredByOneShard(res)) return null;
  const root = asObject(res.aggregations);
  const groups = asObject(root[GROUPS]);
  const missing = asObject(root[MISSING]);
  const buckets = asArray(groups.buckets).map((b) => {
    const bucket = asObject(b);
    return asCompositeBucket(bucket, bucket.key);
  });
  const others = asNumber(groups.sum_other_doc_count) ?? Number.POSITIVE_INFINITY;
  const missingGroups = docCount(missing) > 0 ? 1 : 0;
  if (buckets.length + others + missingGroups > maxGroups) return null;
  if (missingGroups > 0) buckets.push(asCompositeBucket(missing, null));
  return groupRows(top.plan.group, buckets, maxGroups);
}
