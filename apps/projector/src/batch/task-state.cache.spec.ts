import type { JobTaskDocument } from '@app/domain';
import type { StoredDocument } from '../core/projection.types';
import { TaskStateCache } from './task-state.cache';

const stored = (id: string, index = 'tasks-v1', seqNo = 1): StoredDocument => ({
  index,
  seqNo,
  primaryTerm: 1,
  document: { job_task_id: id, domain_id: 'd' } as JobTaskDocument,
});
const size = JSON.stringify(stored('a').document).length;

describe(TaskStateCache.name, () => {
  it('should return what it remembered, with seq_no and term, and count hits and misses', () => {
    const sut = new TaskStateCache({ maxDocs: 10, maxBytes: 1e6 });
    sut.remember('a', stored('a', 'tasks-v1', 7), 0);

    const found = sut.lookup(['a', 'b']);

    expect(found.get('a')).toMatchObject({ index: 'tasks-v1', seqNo: 7, primaryTerm: 1 });
    expect(found.get('a')?.document).toEqual(stored('a').document);
    expect(found.has('b')).toBe(false);
    expect(sut.stats).toEqual({ docs: 1, bytes: size, hits: 1, misses: 1 });
  });

  it('should evict the least recently used entry when over the document cap', () => {
    const sut = new TaskStateCache({ maxDocs: 2, maxBytes: 1e6 });
    sut.remember('a', stored('a'), 0);
    sut.remember('b', stored('b'), 0);
    sut.lookup(['a']);

    sut.remember('c', stored('c'), 0);

    expect([...sut.lookup(['a', 'b', 'c']).keys()]).toEqual(['a', 'c']);
  });

  it('should evict to stay under the byte cap', () => {
    const sut = new TaskStateCache({ maxDocs: 100, maxBytes: size * 2 });
    ['a', 'b', 'c'].forEach((id) => sut.remember(id, stored(id), 0));

    expect(sut.stats).toMatchObject({ docs: 2, bytes: size * 2 });
  });

  it('should evict the tasks of revoked partitions and of indices the alias left', () => {
    const sut = new TaskStateCache({ maxDocs: 10, maxBytes: 1e6 });
    sut.remember('a', stored('a'), 0);
    sut.remember('b', stored('b'), 1);
    sut.remember('c', stored('c', 'tasks-v2'), 0);

    sut.evictPartitions(new Set([1]));
    sut.evictUnless(new Set(['tasks-v2']));

    expect([...sut.lookup(['a', 'b', 'c']).keys()]).toEqual(['c']);
  });
});
