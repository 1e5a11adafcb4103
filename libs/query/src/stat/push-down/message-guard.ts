import type { JsonObject } from '../../search-port';
import { asObject, docCount } from './es-json';
import { ScanRequired } from '../plan/scan-required';

/**
 * `errors.message` is a keyword with ignore_above 8191: a longer message is stored but not indexed,
 * so aggregations would see it as missing. This side aggregation counts such errors in scope; when
 * there are any, the request is answered from the documents instead.
 */
export const MESSAGE_GUARD_NAME = 'unindexed_messages';

export const MESSAGE_GUARD: JsonObject = {
  nested: { path: 'errors' },
  aggs: { missing: { missing: { field: 'errors.message' } } },
};

export function checkMessageGuard(aggregations: JsonObject): void {
  const guard = asObject(aggregations[MESSAGE_GUARD_NAME]);
  if (docCount(guard.missing) > 0) {
    throw new ScanRequired('an error message in scope is too long to be indexed');
  }
}
