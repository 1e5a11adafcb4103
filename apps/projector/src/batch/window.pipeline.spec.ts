import { jobTaskDocumentId } from '@app/domain';
import { JsonLogger } from '@app/platform';
import { sourceMessage, wireEvent } from '../../test/support/event-messages';
import type { SourceMessage } from '../core/projection.types';
import { ProjectorMetrics } from '../metrics/projector.metrics';
import type { BatchProjectorService, FlushResult } from './batch-projector.service';
import type { FlushBounds } from './flush.policy';
import { decodeBatch } from './message-batch.plan';
import { TaskStateCache } from './task-state.cache';
import { WindowPipeline, type PartitionControl } from './window.pipeline';
import type { WriteWindow } from './write-window';

const bounds: FlushBounds = {
  intervalMs: 100,
  maxIntervalMs: 5_000,
  maxDocs: 1_000,
  maxBytes: 1e9,
  behindAfterMs: 2_000,
  behindBacklogMs: 1_000,
  finishedEarly: true,
};

/** One started event per message, each for its own task (`t<partition>-<offset>`). */
function messages(partition: number, from: number, count: number): SourceMessage[] {
  return Array.from({ length: count }, (_, i) =>
    sourceMessage(wireEvent('job_task.started', { job_task_id: `t${partition}-${from + i}` }), {
      partition,
      offset: from + i,
    }),
  );
}

/** A task's terminal event: the task is finished and its document is written early. */
function finished(offset: number, task: string, partition = 0): SourceMessage {
  return sourceMessage(
    wireEvent('job_task.succeeded', {
      job_task_id: task,
      data: { success_count: 1, failure_count: 0 },
    }),
    {
      partition,
      offset,
    },
  );
}

function spansOf(window: WriteWindow | undefined): [number, number, number][] {
  return [...(window?.spans ?? [])].map(([partition, s]) => [partition, s.first, s.last]);
}

/** A flush the test completes by hand, to look at the pipeline while a bulk is "in flight". */
class StubProjector {
  readonly windows: WriteWindow[] = [];
  private pending: ((result: FlushResult) => void)[] = [];
  /** Per partition, an offset whose outcome the next flushes report not durable (when their span holds it). */
  readonly failAt = new Map<number, number>();
  isolate = new Set<string>();

  decode(batch: readonly SourceMessage[]) {
    return decodeBatch(batch, 1_048_576);
  }

  flush(window: WriteWindow): Promise<FlushResult> {
    this.windows.push(window);
    return new Promise((resolve) => this.pending.push(resolve));
  }

  /** Completes the oldest flush: messages the `fail` predicate picks are unsettled. */
  async complete(): Promise<void> {
    const window = this.windows[this.windows.length - this.pending.length];
    const resolve = this.pending.shift();
    if (!window || !resolve) throw new Error('no flush in flight');
    const held = window.firstOffsets;
    const notDurable = new Map(
      [...this.failAt].filter(([p, offset]) => {
        const first = held.get(p);
        return (
          first !== undefined && offset >= first && offset <= (window.spans.get(p)?.last ?? offset)
        );
      }),
    );
    const failure = notDurable.size > 0 ? new Error('injected') : null;
    resolve({ notDurable, failure, isolate: this.isolate });
    this.isolate = new Set();
    await jest.advanceTimersByTimeAsync(0);
  }

  get inFlight(): number {
    return this.pending.length;
  }
}

function setup(overrides: Partial<FlushBounds> = {}) {
  const projector = new StubProjector();
  const commits: [number, number][] = [];
  const rewinds: [number, number][] = [];
  const control: PartitionControl = {
    commit: (partition, offset) => {
      commits.push([partition, offset]);
      return Promise.resolve();
    },
    rewind: (partition, offset) => rewinds.push([partition, offset]),
  };
  const metrics = new ProjectorMetrics();
  const sut = new WindowPipeline(
    projector as unknown as BatchProjectorService,
    new TaskStateCache({ maxDocs: 10, maxBytes: 1e6 }),
    control,
    metrics,
    new JsonLogger('error', 'pipeline-test'),
    {
      target: { name: 'tasks', isAlias: true },
      bounds: { ...bounds, ...overrides },
      retryMaxMs: 1_000,
    },
  );
  return { sut, projector, commits, rewinds, metrics };
}

describe(WindowPipeline.name, () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  it('should hold a caught-up window for the time bound, then write it once and commit past it', async () => {
    const { sut, projector, commits } = setup();

    sut.ingest(0, messages(0, 0, 3), 3);
    await sut.flushIfDue();
    expect(projector.windows).toHaveLength(0);

    await jest.advanceTimersByTimeAsync(bounds.intervalMs);
    expect(projector.windows.map((w) => w.messageCount)).toEqual([3]);
    expect(commits).toEqual([]);

    await projector.complete();
    expect(commits).toEqual([[0, 3]]);
  });

  it('should let the window grow past the time bound while the partition is behind', async () => {
    const { sut, projector } = setup();

    sut.ingest(0, messages(0, 0, 3), 1_000);
    await jest.advanceTimersByTimeAsync(bounds.intervalMs * 5);
    sut.ingest(0, messages(0, 3, 3), 1_000);
    await sut.flushIfDue();
    expect(projector.windows).toHaveLength(0);

    await jest.advanceTimersByTimeAsync(bounds.maxIntervalMs);
    expect(projector.windows.map((w) => w.messageCount)).toEqual([6]);
  });

  it('should keep the time bound under steady traffic: unread but fresh messages are not a catch-up', async () => {
    const { sut, projector } = setup();
    const fresh = (from: number) =>
      messages(0, from, 3).map((m) => ({ ...m, appendedAt: Date.now() - 50 }));

    sut.ingest(0, fresh(0), 1_000);
    await jest.advanceTimersByTimeAsync(bounds.intervalMs);
    expect(projector.windows.map((w) => w.messageCount)).toEqual([3]);
  });

  it('should grow the window while unread messages are older than the catch-up age', async () => {
    const { sut, projector } = setup();
    const old = messages(0, 0, 3).map((m) => ({ ...m, appendedAt: Date.now() - 60_000 }));

    sut.ingest(0, old, 1_000);
    await jest.advanceTimersByTimeAsync(bounds.intervalMs * 5);
    expect(projector.windows).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(bounds.maxIntervalMs);
    expect(projector.windows.map((w) => w.messageCount)).toEqual([3]);
  });

  it('should count a fresh burst as behind by its read time and write it once what is left takes one interval', async () => {
    const { sut, projector, metrics } = setup({ behindBacklogMs: 300 });
    const high = 1_000;
    // 10 messages every 10 ms: 1 message/ms, so 980 unread after the second batch take 980 ms to read.
    for (let next = 0; next < 910; next += 10) {
      const batch = messages(0, next, 10).map((m) => ({ ...m, appendedAt: Date.now() - 50 }));
      sut.ingest(0, batch, high);
      await sut.flushIfDue();
      if (next < 900) expect(projector.windows).toHaveLength(0);
      if (next === 450) expect((await metrics.behindPartitions.get()).values[0]?.value).toBe(1);
      await jest.advanceTimersByTimeAsync(10);
    }
    // 90 unread (90 ms) is less than one flush interval (100 ms): caught up, the 910 messages go as one window.
    expect(projector.windows.map((w) => w.messageCount)).toEqual([910]);
    expect((await metrics.behindPartitions.get()).values[0]?.value).toBe(0);
  });

  it('should keep the time bound when what is unread after each batch is read in less than the backlog bound', async () => {
    const { sut, projector } = setup({ behindBacklogMs: 300 });
    for (let next = 0; next < 200; next += 10) {
      const batch = messages(0, next, 10).map((m) => ({ ...m, appendedAt: Date.now() - 50 }));
      sut.ingest(0, batch, next + 10 + 50); // 50 unread at 1 message/ms: 50 ms
      await sut.flushIfDue();
      await jest.advanceTimersByTimeAsync(10);
    }
    expect(projector.windows.length).toBeGreaterThan(0);
    expect(projector.windows[0]?.messageCount).toBe(100);
  });

  it('should fill the next window while a flush is in flight and start it only after that one', async () => {
    const { sut, projector, commits } = setup({ maxDocs: 2 });

    sut.ingest(0, messages(0, 0, 2), 100);
    await sut.flushIfDue();
    expect(projector.inFlight).toBe(1);

    sut.ingest(0, messages(0, 2, 2), 100);
    const waiting = sut.flushIfDue();
    await jest.advanceTimersByTimeAsync(0);
    expect(projector.inFlight).toBe(1);

    await projector.complete();
    await waiting;
    expect(commits).toEqual([[0, 2]]);
    expect(projector.inFlight).toBe(1);
    expect(spansOf(projector.windows[1])).toEqual([[0, 2, 3]]);

    await projector.complete();
    expect(commits).toEqual([
      [0, 2],
      [0, 4],
    ]);
  });

  it('should time each flush from its start to its commit and count its dirty documents', async () => {
    const { sut, projector, metrics } = setup({ maxDocs: 3 });

    sut.ingest(0, messages(0, 0, 3), 100);
    await sut.flushIfDue();
    await jest.advanceTimersByTimeAsync(1_500);
    await projector.complete();

    const seconds = await metrics.flushSeconds.get();
    const sum = (name: string) => seconds.values.find((v) => v.metricName === name)?.value;
    expect(sum('projector_flush_duration_seconds_count')).toBe(1);
    expect(sum('projector_flush_duration_seconds_sum')).toBeCloseTo(1.5, 1);
    const docs = await metrics.flushDocuments.get();
    expect(docs.values.find((v) => v.metricName === 'projector_flush_documents_sum')?.value).toBe(
      3,
    );
  });

  it('should commit only the durable prefix, rewind to the first unsettled message and drop the rest of the partition', async () => {
    const { sut, projector, commits, rewinds } = setup();
    projector.failAt.set(0, 5);

    sut.ingest(0, messages(0, 3, 4), 7);
    sut.ingest(1, messages(1, 10, 2), 12);
    await jest.advanceTimersByTimeAsync(bounds.intervalMs);
    sut.ingest(0, messages(0, 7, 2), 9);
    sut.ingest(1, messages(1, 12, 1), 13);

    await projector.complete();
    expect(commits).toEqual([
      [0, 5],
      [1, 12],
    ]);
    expect(rewinds).toEqual([[0, 5]]);

    await jest.advanceTimersByTimeAsync(bounds.intervalMs);
    expect(spansOf(projector.windows[1])).toEqual([[1, 12, 12]]);
  });

  it('should write finished tasks at once while no flush is in flight, committing up to the first offset still pending', async () => {
    const { sut, projector, commits } = setup();

    sut.ingest(0, [finished(0, 'done'), ...messages(0, 1, 2)], 3);
    await sut.flushIfDue();
    expect(projector.windows.map((w) => [...w.groups.values()].map((g) => g.id))).toEqual([
      [jobTaskDocumentId('domain-1', 'done')],
    ]);

    await projector.complete();
    expect(commits).toEqual([[0, 1]]);

    await jest.advanceTimersByTimeAsync(bounds.intervalMs);
    expect(spansOf(projector.windows[1])).toEqual([[0, 0, 2]]);
    await projector.complete();
    expect(commits).toEqual([
      [0, 1],
      [0, 3],
    ]);
  });

  it('should not start an early flush while another is in flight, and take what finished meanwhile after it', async () => {
    const { sut, projector } = setup();

    sut.ingest(0, [finished(0, 'a')], 10);
    await sut.flushIfDue();
    sut.ingest(0, [finished(1, 'b'), finished(2, 'c')], 10);
    await sut.flushIfDue();
    expect(projector.inFlight).toBe(1);

    await projector.complete();
    expect(projector.windows.map((w) => w.dirtyDocs)).toEqual([1, 2]);
  });

  it('should leave finished tasks in the window when writing them early is off', async () => {
    const { sut, projector } = setup({ finishedEarly: false });

    sut.ingest(0, [finished(0, 'done')], 1);
    await sut.flushIfDue();
    expect(projector.windows).toHaveLength(0);

    await jest.advanceTimersByTimeAsync(bounds.intervalMs);
    expect(projector.windows.map((w) => w.spans.size)).toEqual([1]);
  });

  it('should rewind a failed early flush from its commit, where the pieces still pending start', async () => {
    const { sut, projector, commits, rewinds } = setup();
    projector.failAt.set(0, 4);

    sut.ingest(0, [...messages(0, 2, 2), finished(4, 'done')], 5);
    await sut.flushIfDue();
    await projector.complete();

    expect(commits).toEqual([[0, 2]]);
    expect(rewinds).toEqual([[0, 2]]);
    await jest.advanceTimersByTimeAsync(bounds.intervalMs);
    expect(projector.windows).toHaveLength(1);
  });

  it('should write and commit everything pending on shutdown, and take no more messages after it', async () => {
    const { sut, projector, commits } = setup();

    sut.ingest(2, messages(2, 0, 4), 100);
    const draining = sut.drain('shutdown');
    await jest.advanceTimersByTimeAsync(0);
    await projector.complete();
    await draining;

    expect(commits).toEqual([[2, 4]]);
    expect(sut.ingest(2, messages(2, 4, 1), 100)).toBe(false);
  });

  it('should drop fetched but uncommitted state on a new assignment and ignore late settlements of it', async () => {
    const { sut, projector, commits } = setup();

    sut.ingest(0, messages(0, 0, 2), 2);
    await jest.advanceTimersByTimeAsync(bounds.intervalMs);
    sut.ingest(1, messages(1, 0, 2), 2);
    sut.onAssignment(new Set([0]));
    await projector.complete();

    expect(commits).toEqual([]);
    expect(sut.position).toEqual([{ partition: 0, pending: 0 }]);
  });

  it('should keep the time bound once a partition that was behind is revoked', async () => {
    const { sut, projector, metrics } = setup();
    const old = messages(1, 0, 3).map((m) => ({ ...m, appendedAt: Date.now() - 60_000 }));
    sut.ingest(1, old, 1_000);
    sut.onAssignment(new Set([0]));

    sut.ingest(0, messages(0, 0, 2), 2);
    await jest.advanceTimersByTimeAsync(bounds.intervalMs);

    expect(projector.windows.map((w) => [...w.spans.keys()])).toEqual([[0]]);
    expect((await metrics.behindPartitions.get()).values[0]?.value).toBe(0);
  });

  it('should read a task one event per piece after a flush isolates it, and count the retry', async () => {
    const { sut, projector, rewinds, metrics } = setup();
    const id = jobTaskDocumentId('domain-1', 't0-0');
    projector.failAt.set(0, 0);
    projector.isolate = new Set([id]);

    sut.ingest(0, messages(0, 0, 1), 1);
    await jest.advanceTimersByTimeAsync(bounds.intervalMs);
    await projector.complete();
    expect(rewinds).toEqual([[0, 0]]);
    projector.failAt.clear();

    const again = messages(0, 0, 1);
    sut.ingest(0, [...again, { ...again[0]!, offset: 1 }], 2);
    await jest.advanceTimersByTimeAsync(1_000);

    const pieces = projector.windows[1]?.groups.get(id)?.pieces;
    expect(pieces?.map((p) => p.source?.offset)).toEqual([0, 1]);
    expect(await metrics.registry.getSingleMetricAsString('projector_retries_total')).toContain(
      'kind="isolate"} 1',
    );
  });
});
