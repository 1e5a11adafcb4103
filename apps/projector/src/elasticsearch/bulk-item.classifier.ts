import type { estypes } from '@elastic/elasticsearch';
import type { ItemOutcome, PlannedWrite, WriteTarget } from '../core/projection.types';

const MAX_DETAIL_CHARS = 1_000;

/**
 * Existing documents are overwritten in the index they were read from, guarded by their seq_no/primary_term; new
 * ones are `create`d through the target, which fails with 409 if a concurrent writer created them first. Through an
 * alias, `require_alias` stops Elasticsearch from auto-creating a dynamically mapped index when the alias is missing.
 */
export function bulkOperations(
  writes: readonly PlannedWrite[],
  target: WriteTarget,
): estypes.BulkRequest['operations'] {
  const operations: NonNullable<estypes.BulkRequest['operations']> = [];
  for (const write of writes) {
    if (write.current === null) {
      operations.push({
        create: {
          _index: target.name,
          _id: write.id,
          ...(target.isAlias && { require_alias: true }),
        },
      });
    } else {
      operations.push({
        index: {
          _index: write.current.index,
          _id: write.id,
          if_seq_no: write.current.seqNo,
          if_primary_term: write.current.primaryTerm,
        },
      });
    }
    // Pre-serialised: the client passes strings through, and the cache reuses the length.
    operations.push(write.json);
  }
  return operations;
}

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
