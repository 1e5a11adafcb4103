import { DLQ_REASONS } from '@app/domain';
import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

const RETRY_KINDS = ['version_conflict', 'transient', 'isolate'] as const;

export interface WindowGauges {
  dirtyDocs: number;
  dirtyBytes: number;
  cache: { docs: number; bytes: number; hits: number; misses: number };
}

/** Every metric of the projector, in its own registry so several app instances can live in one test process. */
@Injectable()
export class ProjectorMetrics {
  readonly registry = new Registry();

  readonly messagesConsumed = new Counter({
    name: 'projector_messages_consumed_total',
    help: 'Kafka messages handed to the projector (redeliveries after a retry count again)',
    registers: [this.registry],
  });
  readonly eventsApplied = new Counter({
    name: 'projector_events_applied_total',
    help: 'Events whose effect was written to Elasticsearch',
    registers: [this.registry],
  });
  readonly eventsDuplicate = new Counter({
    name: 'projector_events_duplicate_total',
    help: 'Events recognised as already applied (same event_id), with no write',
    registers: [this.registry],
  });
  readonly deadLettered = new Counter({
    name: 'projector_messages_dead_lettered_total',
    help: 'Messages written to the dead-letter topic, by dlq.reason',
    labelNames: ['reason'],
    registers: [this.registry],
  });
  readonly batchEvents = new Histogram({
    name: 'projector_batch_messages',
    help: 'Messages per flushed batch (one mget + bulk)',
    buckets: [1, 10, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000],
    registers: [this.registry],
  });
  readonly bulkSeconds = new Histogram({
    name: 'projector_bulk_duration_seconds',
    help: 'Latency of one Elasticsearch bulk request',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly mgetSeconds = new Histogram({
    name: 'projector_mget_duration_seconds',
    help: 'Latency of one Elasticsearch mget of current documents',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly consumerLag = new Gauge({
    name: 'projector_consumer_lag_messages',
    help: 'High watermark minus the next offset to apply, per partition',
    labelNames: ['topic', 'partition'],
    registers: [this.registry],
  });
  readonly retries = new Counter({
    name: 'projector_retries_total',
    help: 'Retries: version_conflict (re-read and re-fold), transient (partition paused with backoff), isolate (a task whose document Elasticsearch refused, re-read one event at a time to find the bad one)',
    labelNames: ['kind'],
    registers: [this.registry],
  });
  readonly backoffSeconds = new Counter({
    name: 'projector_backoff_seconds_total',
    help: 'Time partitions were scheduled to stay paused after transient failures',
    registers: [this.registry],
  });
  readonly behindPartitions = new Gauge({
    name: 'projector_partitions_behind',
    help: 'Partitions catching up (an old or a long backlog), so the window may grow to its catch-up bound',
    registers: [this.registry],
  });
  readonly pausedPartitions = new Gauge({
    name: 'projector_paused_partitions',
    help: 'Partitions currently paused by a backoff',
    registers: [this.registry],
  });
  readonly generationBumpFailures = new Counter({
    name: 'projector_generation_bump_failures_total',
    help: 'Redis generation INCRs that failed or missed their deadline (the API cache then expires by TTL)',
    registers: [this.registry],
  });

  readonly flushes = new Counter({
    name: 'projector_flushes_total',
    help: 'Flush windows written, by the bound that closed them: time, docs, bytes, finished (finished tasks written early), rebalance, shutdown',
    labelNames: ['reason'],
    registers: [this.registry],
  });

  readonly flushSeconds = new Histogram({
    name: 'projector_flush_duration_seconds',
    help: 'One flush window from its start to its commit: cache, mget, fold, bulk rounds, dead letters, commit',
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });
  readonly flushDocuments = new Histogram({
    name: 'projector_flush_documents',
    help: 'Dirty documents in one flush window (each is one write unless it conflicts)',
    buckets: [1, 10, 100, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000],
    registers: [this.registry],
  });

  private newestAppliedMs: number | null = null;
  private window: () => WindowGauges = () => ({
    dirtyDocs: 0,
    dirtyBytes: 0,
    cache: { docs: 0, bytes: 0, hits: 0, misses: 0 },
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'projector_' });
    /*
     * Every label value exists at 0 from the first scrape. A series that first appears at 5 has no earlier sample,
     * so rate() and increase() read a burst of dead letters of a new reason as no change at all, and the
     * ProjectorDeadLettering alert could not see it; the panels read 0 rather than "no data". (Flush reasons are
     * not alerted on, and the bench reports only those that occurred.)
     */
    for (const reason of DLQ_REASONS) this.deadLettered.inc({ reason }, 0);
    for (const kind of RETRY_KINDS) this.retries.inc({ kind }, 0);
    this.windowGauges();
    const newestApplied = (): number | null => this.newestAppliedMs;
    new Gauge({
      name: 'projector_projection_lag_seconds',
      help: 'Now minus the occurred_at of the newest applied event',
      registers: [this.registry],
      collect() {
        const newest = newestApplied();
        if (newest !== null) this.set((Date.now() - newest) / 1_000);
      },
    });
  }

  /** The live window and cache, read at scrape time (one pipeline per registry). */
  watchWindow(read: () => WindowGauges): void {
    this.window = read;
  }

  private windowGauges(): void {
    const read = (): WindowGauges => this.window();
    // Read from the live window and cache at scrape time. The counts since start are counters (rate() and resets
    // need the type): reset and set to the count at each scrape.
    const gauge = (name: string, help: string, value: (w: WindowGauges) => number): void => {
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect() {
          this.set(value(read()));
        },
      });
    };
    const counter = (name: string, help: string, value: (w: WindowGauges) => number): void => {
      new Counter({
        name,
        help,
        registers: [this.registry],
        collect() {
          this.reset();
          this.inc(value(read()));
        },
      });
    };
    gauge(
      'projector_window_dirty_documents',
      'Documents with events not yet written',
      (w) => w.dirtyDocs,
    );
    gauge(
      'projector_window_dirty_bytes',
      'Estimated heap bytes of the pending window',
      (w) => w.dirtyBytes,
    );
    gauge(
      'projector_cache_documents',
      'Clean documents cached with their seq_no',
      (w) => w.cache.docs,
    );
    gauge('projector_cache_bytes', 'JSON bytes of the cached documents', (w) => w.cache.bytes);
    counter(
      'projector_cache_hits_total',
      'Documents a flush found in the cache (no mget)',
      (w) => w.cache.hits,
    );
    counter('projector_cache_misses_total', 'Documents a flush had to read', (w) => w.cache.misses);
    gauge('projector_cache_hit_ratio', 'Hits / (hits + misses) since start', (w) => {
      const total = w.cache.hits + w.cache.misses;
      return total === 0 ? 0 : w.cache.hits / total;
    });
  }

  /** `occurredAt` is the decoder's normalised UTC form, so text order is time order. */
  recordApplied(count: number, newestOccurredAt: string | null): void {
    this.eventsApplied.inc(count);
    if (newestOccurredAt === null) return;
    const ms = Date.parse(newestOccurredAt);
    if (this.newestAppliedMs === null || ms > this.newestAppliedMs) this.newestAppliedMs = ms;
  }
}
