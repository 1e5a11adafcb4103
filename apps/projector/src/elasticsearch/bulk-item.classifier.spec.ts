import { classifyBulkItem } from './bulk-item.classifier';

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
