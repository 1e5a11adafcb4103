/*
 * Heap, RSS and CPU of the projector's window path, in process, with 10,000 tasks in flight: the simulator's stream
 * re-ordered round-robin over 10,000 open tasks (as the bench's `interleave`), fed as 500-message partition batches
 * into a WindowPipeline with the real BatchProjectorService and a stubbed Elasticsearch client (no servers), every
 * partition behind, so the window grows to its memory bounds as in a catch-up. Run old and new code alternately in
 * one sitting and compare ratios; absolute numbers depend on the machine.
 *
 *   node --expose-gc -r ts-node/register/transpile-only -r tsconfig-paths/register \
 *     apps/projector/test/window-memory.measure.ts [tasks] [inFlight]
 */
import { loadProjectorConfig } from '@app/config';
import { JsonLogger } from '@app/platform';
import { TaskStateCache } from '../src/batch/task-state.cache';
import { WindowPipeline } from '../src/batch/window.pipeline';
import { batchProjectorOver } from './support/batch-projector.stubbed';
import { bulkLines } from './support/bulk-lines';
import type { SourceMessage } from '../src/core/projection.types';
import { ProjectorMetrics } from '../src/metrics/projector.metrics';
import { simulateScheduler, type SimulatedMessage } from '../src/simulator/scheduler.simulator';

const tasks = Number(process.argv[2] ?? 12_000);
const inFlight = Number(process.argv[3] ?? 10_000);
const PARTITIONS = 3;
const BATCH = 500;

/** Round-robin over `inFlight` open tasks: each task's events stay in order but lie far apart. */
function interleave(all: readonly SimulatedMessage[], open: number): SimulatedMessage[] {
  const byTask = new Map<string, SimulatedMessage[]>();
  for (const m of all) {
    const list = byTask.get(m.key);
    if (list) list.push(m);
    else byTask.set(m.key, [m]);
  }
  const queue = [...byTask.values()];
  const active = queue.splice(0, open);
  const out: SimulatedMessage[] = [];
  while (active.length > 0) {
    for (let i = 0; i < active.length; i += 1) {
      const list = active[i]!;
      out.push(list.shift()!);
      if (list.length === 0) active[i] = queue.shift() ?? [];
    }
    for (let i = active.length - 1; i >= 0; i -= 1)
      if (active[i]!.length === 0) active.splice(i, 1);
  }
  return out;
}

/** mget and bulk with optimistic concurrency; documents kept as JSON so the stub's own heap stays small. */
class StubElasticsearch {
  readonly docs = new Map<string, { seqNo: number; json: string }>();
  bulkItems = 0;
  readonly indices = {
    getAlias: () => Promise.resolve({ 'tasks-v1': { aliases: { tasks: {} } } }),
  };

  mget({ ids }: { ids: string[] }) {
    const docs = ids.map((id) => {
      const doc = this.docs.get(id);
      if (!doc) return { _id: id, _index: 'tasks-v1', found: false };
      return {
        _id: id,
        _index: 'tasks-v1',
        found: true,
        _seq_no: doc.seqNo,
        _primary_term: 1,
        _source: JSON.parse(doc.json) as unknown,
      };
    });
    return Promise.resolve({ docs });
  }

  readonly transport = {
    request: ({ bulkBody }: { bulkBody: unknown }) => this.bulk(bulkBody),
  };

  private bulk(body: unknown) {
    const items = [];
    for (const { kind, meta, source } of bulkLines(body)) {
      const id = meta._id ?? '';
      const seqNo = (this.docs.get(id)?.seqNo ?? -1) + 1;
      this.docs.set(id, { seqNo, json: source });
      items.push({ [kind]: { status: 201, _index: 'tasks-v1', _seq_no: seqNo, _primary_term: 1 } });
    }
    this.bulkItems += items.length;
    return Promise.resolve({ errors: false, items });
  }
}

async function main(): Promise<void> {
  const simulated = interleave(
    simulateScheduler({ tasks, seed: 11, domains: 3 }).messages,
    inFlight,
  );
  const next = [0, 0, 0];
  const messages: SourceMessage[] = simulated.map((m, i) => {
    const partition = i % PARTITIONS;
    const offset = next[partition]!;
    next[partition] = offset + 1;
    return {
      topic: 'events',
      partition,
      offset,
      key: Buffer.from(m.key),
      value: Buffer.from(JSON.stringify(m.value)),
      appendedAt: 0,
    };
  });
  const config = loadProjectorConfig({});
  const metrics = new ProjectorMetrics();
  const es = new StubElasticsearch();
  const service = batchProjectorOver(es, config, metrics);
  const w = config.window;
  const pipeline = new WindowPipeline(
    service,
    new TaskStateCache({ maxDocs: w.cacheMaxDocs, maxBytes: w.cacheMaxBytes }),
    { commit: () => Promise.resolve(), rewind: () => undefined },
    metrics,
    new JsonLogger('error', 'measure'),
    {
      target: { name: 'tasks', isAlias: true },
      bounds: {
        intervalMs: w.flushIntervalMs,
        maxIntervalMs: w.flushMaxIntervalMs,
        maxDocs: w.flushMaxDocs,
        maxBytes: w.flushMaxBytes,
        behindAfterMs: w.behindAfterMs,
        behindBacklogMs: w.behindBacklogMs,
        finishedEarly: w.flushFinishedEarly,
      },
      retryMaxMs: 1_000,
    },
  );

  global.gc?.();
  const base = process.memoryUsage();
  let peakHeap = base.heapUsed;
  let peakRss = base.rss;
  const sample = (): void => {
    const now = process.memoryUsage();
    peakHeap = Math.max(peakHeap, now.heapUsed);
    peakRss = Math.max(peakRss, now.rss);
  };
  const cpu = process.cpuUsage();
  const started = Date.now();
  for (let start = 0; start < messages.length; start += BATCH * PARTITIONS) {
    for (let p = 0; p < PARTITIONS; p += 1) {
      const batch = messages
        .slice(start, start + BATCH * PARTITIONS)
        .filter((m) => m.partition === p);
      pipeline.ingest(p, batch, Number.MAX_SAFE_INTEGER);
      sample();
      await pipeline.flushIfDue();
    }
  }
  await pipeline.drain('shutdown');
  sample();
  const used = process.cpuUsage(cpu);
  const mib = (bytes: number): number => +(bytes / 1_048_576).toFixed(1);
  process.stdout.write(
    `${JSON.stringify({
      events: messages.length,
      tasks: es.docs.size,
      in_flight: inFlight,
      writes_per_task: +(es.bulkItems / es.docs.size).toFixed(2),
      cpu_us_per_event: +((used.user + used.system) / messages.length).toFixed(2),
      wall_ms: Date.now() - started,
      peak_heap_growth_mib: mib(peakHeap - base.heapUsed),
      peak_rss_growth_mib: mib(peakRss - base.rss),
      stub_docs_json_mib: mib([...es.docs.values()].reduce((n, d) => n + d.json.length, 0)),
    })}\n`,
  );
}

void main();
