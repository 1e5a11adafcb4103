import type { JobTaskDocument } from '@app/domain';
import type { PlannedWrite } from '../core/projection.types';
import { bulkOperations, classifyBulkItem } from './bulk-item.classifier';

const document = { job_task_id: 't' } as JobTaskDocument;
const write = (current: PlannedWrite['current']): PlannedWrite => ({
  id: 'd:t',
  domainId: 'd',
  document,
  json: JSON.stringify(document),
  current,
  applied: 1,
  duplicates: 0,
  newestOccurredAt: '2026-11-28T10:00:00.000Z',
});

describe(bulkOperations.name, () => {
  it('should create new documents through the alias, requiring it to be an alias', () => {
    expect(bulkOperations([write(null)], { name: 'tasks', isAlias: true })).toEqual([
      { create: { _index: 'tasks', _id: 'd:t', require_alias: true } },
      JSON.stringify(document),
    ]);
  });

  it('should create into a concrete index without require_alias', () => {
    expect(bulkOperations([write(null)], { name: 'tasks-v2', isAlias: false })?.[0]).toEqual({
      create: { _index: 'tasks-v2', _id: 'd:t' },
    });
  });

  it('should overwrite existing documents in the index they were read from, guarded by seq_no and term', () => {
    const current = { index: 'tasks-v1', seqNo: 12, primaryTerm: 3, document };

    expect(bulkOperations([write(current)], { name: 'tasks', isAlias: true })?.[0]).toEqual({
      index: { _index: 'tasks-v1', _id: 'd:t', if_seq_no: 12, if_primary_term: 3 },
    });
  });
});

describe(classifyBulkItem.name, () => {
  const item = (status: number, extra: object = {}) => ({
    index: { _index: 'tasks-v1', _id: 'd:t', status, ...extra },
  });

  it.each([
    [201, { _seq_no: 4, _primary_term: 1 }, 'written'],
    [409, { error: { type: 'version_conflict_engine_exception', reason: 'x' } }, 'conflict'],
    [404, { error: { type: 'index_not_found_exception', reason: 'x' } }, 'conflict'],
    [429, { error: { type: 'es_rejected_execution_exception', reason: 'x' } }, 'transient'],
    [503, { error: { type: 'unavailable_shards_exception', reason: 'x' } }, 'transient'],
    [400, { error: { type: 'document_parsing_exception', reason: 'x' } }, 'rejected'],
  ])('should classify status %i as %s', (status, extra, kind) => {
    expect(classifyBulkItem(item(status, extra)).kind).toBe(kind);
  });

  it('should describe a rejection with the error and its cause', () => {
    const sut = classifyBulkItem(
      item(400, {
        error: {
          type: 'document_parsing_exception',
          reason: 'failed to parse field [job_id]',
          caused_by: { type: 'illegal_argument_exception', reason: 'immense term' },
        },
      }),
    );

    expect(sut).toEqual({
      kind: 'rejected',
      detail:
        'document_parsing_exception: failed to parse field [job_id] (caused by illegal_argument_exception: immense term)',
    });
  });

  it('should treat a missing item as transient rather than as applied', () => {
    expect(classifyBulkItem(undefined).kind).toBe('transient');
  });
});
