import { loadProjectorConfig } from '@app/config';
import { projectJobTask, type JobTaskDocument } from '@app/domain';
import { batchProjectorOver } from '../../test/support/batch-projector.stubbed';
import { bulkLines } from '../../test/support/bulk-lines';
import { sourceMessage, wireEvent } from '../../test/support/event-messages';
import { windowOf as windowOfMessages } from '../../test/support/write-windows';
import { ProjectorMetrics } from '../metrics/projector.metrics';
import { BatchProjectorService } from './batch-projector.service';
import { decodeBatch } from './message-batch.plan';
import { TaskStateCache } from './task-state.cache';
import type { Rejection } from '../core/projection.types';
import type { WriteWindow } from './write-window';

/** The three Elasticsearch calls a flush makes, with its optimistic-concurrency rules, counting each call. */
class StubElasticsearch {
  readonly docs = new Map<string, { seqNo: number; source: JobTaskDocument }>();
  readonly calls = { mget: 0, bulk: 0, getAlias: 0 };
  readonly indices = {
    getAlias: () => {
      this.calls.getAlias += 1;
      return Promise.resolve({ 'tasks-v1': { aliases: { tasks: {} } } });
    },
  };

  mget({ ids }: { ids: string[] }) {
    this.calls.mget += 1;
    const docs = ids.map((id) => {
      const doc = this.docs.get(id);
      if (!doc) return { _id: id, _index: 'tasks-v1', found: false };
      const { seqNo, source } = doc;
      return {
        _id: id,
        _index: 'tasks-v1',
        found: true,
        _seq_no: seqNo,
        _primary_term: 1,
        _source: source,
      };
    });
    return Promise.resolve({ docs: structuredClone(docs) });
  }

  /** The repository sends `_bulk` through the transport, with the NDJSON body prebuilt. */
  readonly transport = {
    request: ({ path, bulkBody }: { path: string; bulkBody: unknown }) => {
      if (path !== '/_bulk') throw new Error(`unexpected request to ${path}`);
      return this.bulk(bulkBody);
    },
  };

  private bulk(body: unknown) {
    this.calls.bulk += 1;
    const items = [];
    for (const { kind, meta, source } of bulkLines(body)) {
      const existing = this.docs.get(meta._id ?? '');
      const stale = kind === 'create' ? existing !== undefined : existing?.seqNo !== meta.if_seq_no;
      if (stale) {
        items.push({ [kind]: { status: 409, _index: 'tasks-v1' } });
        continue;
      }
      const seqNo = (existing?.seqNo ?? -1) + 1;
      this.docs.set(meta._id ?? '', { seqNo, source: JSON.parse(source) as JobTaskDocument });
      items.push({ [kind]: { status: 201, _index: 'tasks-v1', _seq_no: seqNo, _primary_term: 1 } });
    }
    return Promise.resolve({ errors: false, items });
  }
}

function setup() {
  const es = new StubElasticsearch();
  const config = loadProjectorConfig({});
  const metrics = new ProjectorMetrics();
  const deadLettered: Rejection[] = [];
  const sut = batchProjectorOver(es, config, metrics, deadLettered);
  const cache = new TaskStateCache({ maxDocs: 100, maxBytes: 1e6 });
  return { es, sut, cache, deadLettered };
}

const target = { name: 'tasks', isAlias: true };

function windowOf(values: Record<string, unknown>[]): WriteWindow {
  return windowOfMessages(values.map((v) => sourceMessage(v)));
}

describe(BatchProjectorService.name, () => {
  it.each([
    ['the live projector (the alias)', target, 1],
    [
      'a rebuild (its new index), whose messages the live projector dead-letters',
      { name: 'tasks-v2', isAlias: false },
      0,
    ],
  ])(
    'should dead-letter a message that cannot be decoded when flushing for %s',
    async (_n, to, count) => {
      const { es, sut, cache, deadLettered } = setup();
      const poison = sourceMessage(Buffer.from('{not json'), { offset: 0 });
      const fine = sourceMessage(wireEvent('job_task.created', { job_task_id: 'a' }), {
        offset: 1,
      });

      const result = await sut.flush(windowOfMessages([poison, fine]), to, cache);

      expect(result).toEqual({ notDurable: new Map(), failure: null, isolate: new Set() });
      expect(deadLettered.map((r) => [r.source.offset, r.reason])).toEqual(
        count === 1 ? [[0, 'INVALID_JSON']] : [],
      );
      expect(es.docs.has('domain-1:a')).toBe(true);
    },
  );

  it('should read a document once, then fold later windows into the cached version without an mget', async () => {
    const { es, sut, cache } = setup();
    // Started first: a window holding the created event would create the document without reading it.
    const events = [
      wireEvent('job_task.started', { job_task_id: 'a' }),
      wireEvent('job_task.created', { job_task_id: 'a' }),
      wireEvent('job_task.succeeded', { job_task_id: 'a' }),
    ];

    await sut.flush(windowOf(events.slice(0, 1)), target, cache);
    await sut.flush(windowOf(events.slice(1, 2)), target, cache);
    const last = await sut.flush(windowOf(events.slice(2)), target, cache);

    expect(last).toEqual({ notDurable: new Map(), failure: null, isolate: new Set() });
    expect(es.calls).toEqual({ mget: 1, bulk: 3, getAlias: 3 });
    // The succeeded event finished the task: its document is not kept any longer.
    expect(cache.stats).toMatchObject({ docs: 0, hits: 2, misses: 1 });
    const decoded = decodeBatch(
      events.map((e) => sourceMessage(e)),
      1_048_576,
    ).events;
    expect(es.docs.get('domain-1:a')?.source).toEqual(
      projectJobTask(
        null,
        decoded.map((e) => e.event),
      ).document,
    );
  });

  it('should not keep a finished task, so a late event reads its document once and folds into it', async () => {
    const { es, sut, cache } = setup();
    const running = [
      wireEvent('job_task.created', { job_task_id: 'a' }),
      wireEvent('job_task.started', { job_task_id: 'a' }),
    ];
    const finished = [
      ...running,
      wireEvent('job_task.succeeded', { job_task_id: 'a' }),
      wireEvent('job_task.created', { job_task_id: 'b' }),
    ];
    const late = wireEvent('job_task.resource_succeeded', {
      job_task_id: 'a',
      data: { count: 3 },
    });

    await sut.flush(windowOf(finished), target, cache);
    const kept = cache.stats.docs;
    const result = await sut.flush(windowOf([late]), target, cache);

    expect(kept).toBe(1);
    expect(result.failure).toBeNull();
    expect(es.calls.mget).toBe(1);
    const all = decodeBatch(
      [...finished.slice(0, 3), late].map((e) => sourceMessage(e)),
      1_048_576,
    ).events.map((e) => e.event);
    expect(es.docs.get('domain-1:a')?.source).toEqual(projectJobTask(null, all).document);
  });

  it('should re-read and fold again when the cached version is stale (another writer), losing nothing', async () => {
    const { es, sut, cache } = setup();
    const mine = [wireEvent('job_task.started', { job_task_id: 'a' })];
    const theirs = wireEvent('job_task.resource_succeeded', {
      job_task_id: 'a',
      data: { count: 4 },
    });
    const later = wireEvent('job_task.resource_succeeded', {
      job_task_id: 'a',
      data: { count: 2 },
    });
    await sut.flush(windowOf(mine), target, cache);
    const other = setup();
    other.es.docs.set('domain-1:a', es.docs.get('domain-1:a')!);
    await other.sut.flush(windowOf([theirs]), target, other.cache);
    es.docs.set('domain-1:a', other.es.docs.get('domain-1:a')!);

    const result = await sut.flush(windowOf([later]), target, cache);

    expect(result.failure).toBeNull();
    expect(es.docs.get('domain-1:a')?.source.success_count).toBe(6);
    expect(es.calls.mget).toBe(2);
  });

  it('should drop cached versions of an index the alias no longer points to', async () => {
    const { es, sut, cache } = setup();
    cache.remember(
      'domain-1:a',
      { index: 'tasks-v0', seqNo: 3, primaryTerm: 1, document: {} as JobTaskDocument },
      0,
    );

    await sut.flush(windowOf([wireEvent('job_task.started', { job_task_id: 'a' })]), target, cache);

    expect(es.calls.mget).toBe(1);
    expect(es.docs.get('domain-1:a')?.seqNo).toBe(0);
  });

  it('should report every partition not durable from its first offset when the flush fails before writing', async () => {
    const { es, sut, cache } = setup();
    es.indices.getAlias = () => Promise.reject(new Error('connect ECONNREFUSED'));
    const messages = [
      sourceMessage(wireEvent('job_task.started', { job_task_id: 'a' }), {
        partition: 0,
        offset: 4,
      }),
      sourceMessage(wireEvent('job_task.started', { job_task_id: 'b' }), {
        partition: 2,
        offset: 9,
      }),
    ];

    const result = await sut.flush(windowOfMessages(messages), target, cache);

    expect(result.notDurable).toEqual(
      new Map([
        [0, 4],
        [2, 9],
      ]),
    );
    expect(result.failure?.message).toContain('connect ECONNREFUSED');
    expect(es.calls.bulk).toBe(0);
  });
});
