import type { estypes } from '@elastic/elasticsearch';
import type { ItemOutcome } from '../core/projection.types';

const MAX_DETAIL_CHARS = 1_000;

export function classifyBulkItem(
  item: Partial<Record<estypes.BulkOperationType, estypes.BulkResponseItem>> | undefined,
): ItemOutcome {
  const result = item?.create ?? item?.index ?? item?.update ?? item?.delete;
  if (result === undefined) return { kind: 'transient', detail: 'bulk response has no item' };
  const { status } = result;
  if (status >= 200 && status < 300 && result._seq_no != null && result._primary_term != null) {
    return {
      kind: 'written',
      index: result._index,
      seqNo: result._seq_no,
      primaryTerm: result._primary_term,
    };
  }
  if (status === 409 || status === 404) return { kind: 'conflict' };
  const detail = describeItemError(result).slice(0, MAX_DETAIL_CHARS);
  if (status === 429 || status >= 500) return { kind: 'transient', detail };
  return { kind: 'rejected', detail };
}

function describeItemError(result: estypes.BulkResponseItem): string {
  const error = result.error;
  if (!error) return `status ${result.status}`;
  const cause = error.caused_by
    ? ` (caused by ${error.caused_by.type}: ${error.caused_by.reason ?? ''})`
    : '';
  return `${error.type}: ${error.reason ?? ''}${cause}`;
}
