import { projectJobTask, type JobTaskDocument } from '@app/domain';
import { sourceMessage, wireEvent } from '../../test/support/event-messages';
import type { JobTasksRepository, RequestLimits } from '../elasticsearch/job-tasks.repository';
import { ProjectorMetrics } from '../metrics/projector.metrics';
import type {
  ItemOutcome,
  PlannedWrite,
  StoredDocument,
  WriteTarget,
} from '../core/projection.types';
import { windowOf } from '../../test/support/write-windows';
import { decodeBatch } from './message-batch.plan';
import { StoreWriteRounds } from './store-write.rounds';

/** An in-memory store with Elasticsearch's optimistic-concurrency rules, and hooks to inject faults. */
class FakeStore {
  readonly docs = new Map<string, StoredDocument>();
  beforeWrite: () => void = () => undefined;
  itemFault: (write: PlannedWrite) => ItemOutcome | null = () => null;
  readFault: Error | null = null;
  /** The next bulk is applied, then answers with a timeout: its effect lands though the caller saw it fail. */
  landsThenTimesOut = false;
  writes = 0;
  readIds: string[] = [];

  read(_target: string, ids: readonly string[]): Promise<Map<string, StoredDocument>> {
    if (this.readFault) return Promise.reject(this.readFault);
    this.readIds.push(...ids);
    const found = new Map<string, StoredDocument>();
    ids.forEach((id) => this.docs.has(id) && found.set(id, clone(this.docs.get(id)!)));
    return Promise.resolve(found);
  }

  readonly limits: RequestLimits = { maxDocs: 1_000, maxBytes: 1_048_576, concurrency: 1 };

  writeBulk(_target: WriteTarget, writes: readonly PlannedWrite[]): Promise<ItemOutcome[]> {
    this.writes += 1;
    this.beforeWrite();
    this.beforeWrite = () => undefined;
    const outcomes = writes.map((w) => this.itemFault(w) ?? this.apply(w));
    if (this.landsThenTimesOut) return Promise.reject(new Error('Request timed out'));
    return Promise.resolve(outcomes);
  }

  put(id: string, document: JobTaskDocument): void {
    const seqNo = (this.docs.get(id)?.seqNo ?? -1) + 1;
    this.docs.set(id, { index: 'tasks-v1', seqNo, primaryTerm: 1, document: clone(document) });
  }

  private apply(w: PlannedWrite): ItemOutcome {
    const existing = this.docs.get(w.id);
    if (w.current === null ? existing !== undefined : existing?.seqNo !== w.current.seqNo)
      return { kind: 'conflict' };
    this.put(w.id, w.document);
    const stored = this.docs.get(w.id)!;
    return { kind: 'written', index: stored.index, seqNo: stored.seqNo, primaryTerm: 1 };
  }
}

const target = { name: 'tasks', isAlias: true };

function setup() {
  const store = new FakeStore();
  const sut = new StoreWriteRounds(store as unknown as JobTasksRepository, new ProjectorMetrics());
  return { store, sut };
}

function batch(...values: Record<string, unknown>[]) {
  const messages = values.map((v) => sourceMessage(v));
  const { events } = decodeBatch(messages, 1_048_576);
  const groupsOf = (isolated: string[] = []) => windowOf(messages, new Set(isolated)).groups;
  return { messages, events, groups: groupsOf(), isolated: groupsOf };
}

describe(StoreWriteRounds.name, () => {
  it('should create a task whose created event it holds without reading it first, and read only the others', async () => {
    const { store, sut } = setup();
    const { groups } = batch(
      wireEvent('job_task.created', { job_task_id: 'new' }),
      wireEvent('job_task.started', { job_task_id: 'old' }),
    );

    const outcome = await sut.apply(groups.values(), target);

    expect(store.readIds).toEqual([[...groups.keys()][1]]);
    expect(outcome.applied).toBe(2);
    expect(store.writes).toBe(1);
  });

  it('should read and join a task it guessed was new when the create finds its document (events read again)', async () => {
    const { store, sut } = setup();
    const created = wireEvent('job_task.created', { job_task_id: 'a' });
    const started = wireEvent('job_task.started', { job_task_id: 'a' });
    const first = batch(started);
    await sut.apply(first.groups.values(), target);
    const again = batch(created, started);

    const outcome = await sut.apply(again.groups.values(), target);

    const [id] = [...again.groups.keys()];
    expect(outcome).toMatchObject({ applied: 1, duplicates: 1, failure: null });
    expect(store.readIds).toEqual([id, id]);
    expect(store.docs.get(id!)?.document).toEqual(
      projectJobTask(
        null,
        again.events.map((e) => e.event),
      ).document,
    );
  });

  it('should write each task once and report what it applied', async () => {
    const { store, sut } = setup();
    const { events, groups } = batch(
      wireEvent('job_task.created', { job_task_id: 'a' }),
      wireEvent('job_task.started', { job_task_id: 'b', domain_id: 'other' }),
      wireEvent('job_task.started', { job_task_id: 'a' }),
    );

    const outcome = await sut.apply(groups.values(), target);

    expect(outcome).toMatchObject({
      failure: null,
      duplicates: 0,
      notDurable: new Map(),
      rejections: [],
      isolate: new Set(),
    });
    expect(outcome.applied).toBe(3);
    expect(outcome.writtenDomains).toEqual(new Set(['domain-1', 'other']));
    expect(store.writes).toBe(1);
    expect(store.docs.get('domain-1:a')?.document).toEqual(
      projectJobTask(
        null,
        events.filter((e) => e.event.job_task_id === 'a').map((e) => e.event),
      ).document,
    );
  });

  it("should re-read and fold again after a version conflict, keeping the concurrent writer's events", async () => {
    const { store, sut } = setup();
    const concurrent = batch(wireEvent('job_task.resource_succeeded', { data: { count: 5 } }));
    const ours = batch(wireEvent('job_task.resource_succeeded', { data: { count: 2 } }));
    store.beforeWrite = () =>
      store.put(
        'domain-1:task-1',
        projectJobTask(
          null,
          concurrent.events.map((e) => e.event),
        ).document,
      );

    const outcome = await sut.apply(ours.groups.values(), target);

    expect(outcome.failure).toBeNull();
    expect(store.writes).toBe(2);
    expect(store.docs.get('domain-1:task-1')?.document.success_count).toBe(7);
  });

  it('should isolate a task whose folded document Elasticsearch refuses, and report it not durable', async () => {
    const { store, sut } = setup();
    store.itemFault = () => ({ kind: 'rejected', detail: 'immense term' });
    const { messages, groups } = batch(
      wireEvent('job_task.started', { job_task_id: 'bad' }),
      wireEvent('job_task.started', { job_task_id: 'bad' }),
    );

    const outcome = await sut.apply(groups.values(), target);

    expect(outcome.isolate).toEqual(new Set(['domain-1:bad']));
    expect(outcome.notDurable).toEqual(new Map([[0, messages[0]!.offset]]));
    expect(outcome.rejections).toEqual([]);
    expect(outcome.failure?.message).toContain('read again one by one');
  });

  it('should dead-letter the one event Elasticsearch refuses of an isolated task and apply the others', async () => {
    const { store, sut } = setup();
    const huge = 'j'.repeat(100);
    store.itemFault = (w) =>
      (w.document.job_id ?? '').length > 50 ? { kind: 'rejected', detail: 'immense term' } : null;
    const { messages, isolated } = batch(
      wireEvent('job_task.started', { event_id: 'e1' }),
      wireEvent('job_task.created', { event_id: 'e2', data: { job_id: huge } }),
      wireEvent('job_task.resource_succeeded', { event_id: 'e3' }),
      wireEvent('job_task.resource_failed', { event_id: 'e4' }),
    );

    const outcome = await sut.apply(isolated(['domain-1:task-1']).values(), target);

    expect(outcome.rejections).toEqual([
      {
        source: messages[1],
        reason: 'INVALID_FIELD',
        message: expect.stringContaining('immense term'),
      },
    ]);
    expect(outcome.notDurable.size).toBe(0);
    expect(store.docs.get('domain-1:task-1')?.document.projection.lifecycle_ids).toEqual(['e1']);
    expect(store.docs.get('domain-1:task-1')?.document).toMatchObject({
      success_count: 1,
      failure_count: 1,
    });
  });

  it('should leave a task unsettled when its item fails transiently, without holding up the others', async () => {
    const { store, sut } = setup();
    store.itemFault = (w) =>
      w.id === 'domain-1:slow' ? { kind: 'transient', detail: '429 rejected execution' } : null;
    const { messages, groups } = batch(
      wireEvent('job_task.started', { job_task_id: 'slow' }),
      wireEvent('job_task.started', { job_task_id: 'fine' }),
    );

    const outcome = await sut.apply(groups.values(), target);

    expect(outcome.notDurable).toEqual(new Map([[0, messages[0]!.offset]]));
    expect(outcome.failure?.message).toContain('429');
    expect(store.docs.has('domain-1:fine')).toBe(true);
  });

  it('should settle nothing of a bulk that timed out though it landed, and count its events once on the retry', async () => {
    const { store, sut } = setup();
    store.landsThenTimesOut = true;
    const { messages, groups } = batch(
      wireEvent('job_task.created'),
      wireEvent('job_task.resource_succeeded', { data: { count: 2 } }),
      wireEvent('job_task.resource_succeeded', { data: { count: 3 } }),
    );

    const timedOut = await sut.apply(groups.values(), target);
    store.landsThenTimesOut = false;
    const retried = await sut.apply(groups.values(), target);

    expect(timedOut.notDurable).toEqual(new Map([[0, messages[0]!.offset]]));
    expect(timedOut.settled.size).toBe(0);
    expect([retried.notDurable.size, retried.applied, retried.duplicates]).toEqual([0, 0, 3]);
    expect(store.docs.get('domain-1:task-1')?.document).toMatchObject({ success_count: 5 });
  });

  it('should leave everything unsettled when Elasticsearch cannot be read', async () => {
    const { store, sut } = setup();
    store.readFault = new Error('connect ECONNREFUSED');
    const { messages, groups } = batch(
      wireEvent('job_task.started'),
      wireEvent('job_task.resource_succeeded'),
    );

    const outcome = await sut.apply(groups.values(), target);

    expect(outcome.notDurable).toEqual(new Map([[0, messages[0]!.offset]]));
    expect(outcome.failure?.message).toBe('connect ECONNREFUSED');
  });

  it('should isolate, then dead-letter, events for a stored document that cannot be merged into', async () => {
    const { store, sut } = setup();
    const existing = batch(wireEvent('job_task.created')).events.map((e) => e.event);
    store.put('domain-1:task-1', {
      ...projectJobTask(null, existing).document,
      projection: { version: 99 } as never,
    });
    const { groups, isolated } = batch(wireEvent('job_task.started'));

    const folded = await sut.apply(groups.values(), target);
    const outcome = await sut.apply(isolated(['domain-1:task-1']).values(), target);

    expect(folded.isolate).toEqual(new Set(['domain-1:task-1']));
    expect(outcome.rejections).toEqual([
      expect.objectContaining({
        reason: 'INVALID_FIELD',
        message: expect.stringContaining('cannot be merged'),
      }),
    ]);
  });

  it('should count events already in the document as duplicates without writing', async () => {
    const { store, sut } = setup();
    const first = batch(wireEvent('job_task.started'));
    await sut.apply(first.groups.values(), target);

    const outcome = await sut.apply(first.isolated().values(), target);

    expect(outcome.duplicates).toBe(1);
    expect(store.writes).toBe(1);
  });
});

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
