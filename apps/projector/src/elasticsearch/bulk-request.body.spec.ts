import type { JobTaskDocument } from '@app/domain';
import { bulkLines } from '../../test/support/bulk-lines';
import type { PlannedWrite, StoredDocument } from '../core/projection.types';
import { bulkAction, bulkRequestBody } from './bulk-request.body';

const alias = { name: 'tasks', isAlias: true };

function write(id: string, current: StoredDocument | null, extra: object = {}): PlannedWrite {
  const document = { job_task_id: id, ...extra } as unknown as JobTaskDocument;
  return {
    id: `d:${id}`,
    domainId: 'd',
    document,
    json: JSON.stringify(document),
    current,
    applied: 1,
    duplicates: 0,
    newestOccurredAt: '2026-11-28T10:00:00.000Z',
  };
}

/** The NDJSON the client builds from a list of operations: what the body must equal, byte for byte. */
function clientNdjson(writes: PlannedWrite[], target = alias): Buffer {
  const text = writes.map((w) => `${JSON.stringify(bulkAction(w, target))}\n${w.json}\n`).join('');
  return Buffer.from(text, 'utf8');
}

describe(bulkAction.name, () => {
  it('should create new documents through the alias, requiring it to be an alias', () => {
    expect(bulkAction(write('t', null), alias)).toEqual({
      create: { _index: 'tasks', _id: 'd:t', require_alias: true },
    });
  });

  it('should create into a concrete index without require_alias', () => {
    expect(bulkAction(write('t', null), { name: 'tasks-v2', isAlias: false })).toEqual({
      create: { _index: 'tasks-v2', _id: 'd:t' },
    });
  });

  it('should overwrite existing documents in the index they were read from, guarded by seq_no and term', () => {
    const current = {
      index: 'tasks-v1',
      seqNo: 12,
      primaryTerm: 3,
      document: {} as JobTaskDocument,
    };

    expect(bulkAction(write('t', current), alias)).toEqual({
      index: { _index: 'tasks-v1', _id: 'd:t', if_seq_no: 12, if_primary_term: 3 },
    });
  });
});

describe(bulkRequestBody.name, () => {
  const current = { index: 'tasks-v1', seqNo: 4, primaryTerm: 1, document: {} as JobTaskDocument };

  it('should put each action line before its document, one per line, ending with a newline', () => {
    const sut = bulkLines(bulkRequestBody([write('a', null), write('b', current)], alias));

    expect(
      sut.map(({ kind, meta, source }) => [kind, meta._id, JSON.parse(source) as unknown]),
    ).toEqual([
      ['create', 'd:a', { job_task_id: 'a' }],
      ['index', 'd:b', { job_task_id: 'b' }],
    ]);
  });

  it('should equal the NDJSON the client would build from the same operations, byte for byte', () => {
    const writes = Array.from({ length: 500 }, (_, i) =>
      write(`t${i}`, i % 2 === 0 ? null : current, { message: `run ${i} "quoted" \\ done` }),
    );

    expect(bulkRequestBody(writes, alias).equals(clientNdjson(writes))).toBe(true);
  });

  it.each([
    ['three-byte characters', '작업 실패 '.repeat(4_000)],
    ['surrogate pairs', '🚀 launch failed '.repeat(3_000)],
    ['two-byte characters', 'échec à l’arrêt '.repeat(5_000)],
  ])('should encode %s exactly when they need more bytes than the estimate', (_, message) => {
    const writes = [write('a', null), write('b', current, { message }), write('c', null)];

    const sut = bulkRequestBody(writes, alias);

    expect(sut.equals(clientNdjson(writes))).toBe(true);
    expect(bulkLines(sut).map((line) => JSON.parse(line.source) as unknown)[1]).toEqual({
      job_task_id: 'b',
      message,
    });
  });

  it('should escape ids as JSON strings', () => {
    const sut = bulkLines(bulkRequestBody([write('quote"and\\slash', null)], alias));

    expect(sut[0]?.meta._id).toBe('d:quote"and\\slash');
  });
});
