import type { DomainSearchPort, JsonObject } from '../../search-port';
import { isInjective } from '../date-format';
import { asArray, asObject } from './es-json';
import { groupRows } from './group-agg.reader';
import { compositePageSize, groupAggs } from './group-agg.request';
import { checkMessageGuard, MESSAGE_GUARD, MESSAGE_GUARD_NAME } from './message-guard';
import type { GroupStage } from '../plan/plan.selector';
import type { Row } from '../in-memory/row-value';
import { tooManyGroups } from '../stat.errors';

/** How many histogram buckets may fold into the groups of a non-injective date_format. */
const MERGED_BUCKETS_PER_GROUP = 100;

function touchesMessage(g: GroupStage): boolean {
  const isMessage = (key: string | null): boolean => key === 'errors.message';
  return (
    g.keys.some((k) => isMessage(k.key)) ||
    g.fields.some(
      (f) =>
        ('key' in f && isMessage(f.key)) ||
        ('conditions' in f && f.conditions.some((c) => isMessage(c.key))),
    )
  );
}

/**
 * Runs the first group in Elasticsearch, paging the composite aggregation to the end (never a
 * truncated answer), and returns the group rows in the engine's order.
 */
export async function runGroupPlan(
  port: DomainSearchPort,
  query: JsonObject,
  group: GroupStage,
  nested: boolean,
  maxGroups: number,
): Promise<Row[]> {
  const injective = group.keys.every((k) => k.dateFormat === null || isInjective(k.dateFormat));
  const bucketCap = injective ? maxGroups : maxGroups * MERGED_BUCKETS_PER_GROUP;
  const guard = nested && touchesMessage(group);
  const buckets: JsonObject[] = [];
  let after: JsonObject | undefined;
  for (let first = true; ; first = false) {
    const aggs = groupAggs(group, nested, after);
    if (first && guard) aggs[MESSAGE_GUARD_NAME] = MESSAGE_GUARD;
    const res = await port.search({ size: 0, query, track_total_hits: false, aggs });
    const root = asObject(res.aggregations);
    if (first && guard) checkMessageGuard(root);
    const groups = asObject(nested ? asObject(root.rows).groups : root.groups);
    if (group.keys.length === 0) {
      buckets.push(groups);
      break;
    }
    const page = asArray(groups.buckets).map(asObject);
    buckets.push(...page);
    if (buckets.length > bucketCap) throw tooManyGroups(maxGroups);
    if (page.length < compositePageSize(group) || groups.after_key === undefined) break;
    after = asObject(groups.after_key);
  }
  return groupRows(group, buckets, maxGroups);
}
