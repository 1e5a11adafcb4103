import type { DomainSearchPort, JsonObject } from '../../search-port';
import { asArray, asObject, fromEs, indexedKind } from './es-json';
import { checkMessageGuard, MESSAGE_GUARD, MESSAGE_GUARD_NAME } from './message-guard';
import type { RowValue } from '../in-memory/row-value';
import { tooManyGroups } from '../stat.errors';

const PAGE = 1000;

/** Distinct non-null values from a composite terms source, paged to the end. */
export async function distinctFromIndex(
  port: DomainSearchPort,
  query: JsonObject,
  field: string,
  maxValues: number,
): Promise<RowValue[]> {
  const nested = field.startsWith('errors.');
  const kind = indexedKind(field);
  const values: RowValue[] = [];
  let after: JsonObject | undefined;
  for (let first = true; ; first = false) {
    const composite = {
      composite: {
        size: PAGE,
        sources: [{ v: { terms: { field } } }],
        ...(after === undefined ? {} : { after }),
      },
    };
    const aggs: JsonObject = nested
      ? { rows: { nested: { path: 'errors' }, aggs: { values: composite } } }
      : { values: composite };
    if (first && field === 'errors.message') aggs[MESSAGE_GUARD_NAME] = MESSAGE_GUARD;
    const res = await port.search({ size: 0, query, track_total_hits: false, aggs });
    const root = asObject(res.aggregations);
    if (first && field === 'errors.message') checkMessageGuard(root);
    const agg = asObject(nested ? asObject(root.rows).values : root.values);
    const page = asArray(agg.buckets);
    for (const b of page) values.push(fromEs(asObject(asObject(b).key).v, kind));
    if (values.length > maxValues) throw tooManyGroups(maxValues, 'distinct values');
    if (page.length < PAGE || agg.after_key === undefined) break;
    after = asObject(agg.after_key);
  }
  return values;
}
