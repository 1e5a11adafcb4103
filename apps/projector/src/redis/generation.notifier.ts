import type { ProjectorConfig } from '@app/config';
import { generationKey, JsonLogger, recentWriteKey, WRITE_MARKER_TTL_MS } from '@app/platform';
import type { Client } from '@elastic/elasticsearch';
import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import type { ChainableCommander } from 'ioredis';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { ProjectorMetrics } from '../metrics/projector.metrics';
import { ELASTICSEARCH_CLIENT, PROJECTOR_CONFIG, REDIS_CLIENT } from '../projector.tokens';
import {
  GENERATION_COALESCE_MS,
  REDIS_DEADLINE_MS,
  REDIS_WARNING_EVERY_MS,
} from '../projector.settings';
import { withDeadline } from './redis-deadline';
import { RefreshProbe } from './refresh.probe';
import { RefreshWatch } from './refresh.watch';
import {
  CLEAR_OBSERVED,
  defineMarkerCommands,
  isNoScript,
  MARK_KIND,
  MARK_WRITES,
  type MarkerCommands,
} from './write-marker.scripts';

/**
 * A failed bump is tried again this often until it lands. Dropping it would leave the API serving the
 * answers cached before the write, under a generation that never moves, for a whole cache TTL.
 */
export const GENERATION_RETRY_MS = 1_000;
/**
 * At most one refresh probe per target is in flight, and a new one is sent no sooner than this after the last:
 * a probe covers every domain written before it, so while the projector writes it costs one small bulk per
 * refresh interval per index written, and nothing while it is idle.
 */
export const PROBE_SPACING_MS = 100;
/** After a failed probe (Elasticsearch down), the next is sent this much later. */
export const PROBE_RETRY_MS = 1_000;
/**
 * Marker fields are renewed this often while their writes wait, well inside their TTL. A renewal only moves
 * the field's deadline; it bumps the generation only when the field was lost or lapsed (MARK_WRITES).
 */
export const MARKER_RENEW_MS = WRITE_MARKER_TTL_MS / 4;

/**
 * Bumps `<prefix>generation:<domain_id>` for every domain a flushed batch wrote to, which is how the API learns
 * that its cached answers for that domain are stale, and keeps the domain's marker field up until the writes are
 * observed searchable (refresh.probe.ts, libs/platform cache-coherence.ts). Redis or Elasticsearch being down cost a
 * throttled warning, never a slower or stopped projection: bumps and clears stay pending and are sent once Redis
 * answers again, and a marker whose refresh cannot be observed stays up (the API then does not cache).
 */
@Injectable()
export class GenerationNotifier implements BeforeApplicationShutdown {
  private readonly instanceId = randomUUID();
  private readonly watch = new RefreshWatch();
  private readonly probe: RefreshProbe;
  /** Domains whose generation must be bumped (and marker field raised, if their writes still wait). */
  private pendingMarks = new Set<string>();
  /** Domains whose marker field must be renewed (bumped only if Redis lost it or it lapsed). */
  private pendingRenewals = new Set<string>();
  /** Domains whose writes were all observed searchable, with the newest seq observed. */
  private pendingClears = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private probeTimer: NodeJS.Timeout | null = null;
  private renewTimer: NodeJS.Timeout | null = null;
  /** Targets with a probe in flight, and when the last probe of each was sent. */
  private readonly probing = new Set<string>();
  private readonly lastProbeAt = new Map<string, number>();
  private readonly lastWarningAt = new Map<string, number>();
  private wasReady = false;
  private stopped = false;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(PROJECTOR_CONFIG) private readonly config: ProjectorConfig,
    private readonly logger: JsonLogger,
    private readonly metrics: ProjectorMetrics,
    @Inject(ELASTICSEARCH_CLIENT) es: Client,
  ) {
    this.probe = new RefreshProbe(es);
    defineMarkerCommands(redis);
    this.wasReady = redis.status === 'ready';
    // A Redis that restarted lost every marker: raise ours again (the script bumps where they were lost).
    redis.on('ready', () => {
      if (this.wasReady) this.renewMarkers();
      this.wasReady = true;
    });
  }

  /**
   * Call once the writes to `target` (an index or alias) have returned. Never throws and never waits; bumps of
   * flushes a few milliseconds apart share one Redis round trip.
   */
  bump(domainIds: Iterable<string>, target: string): void {
    const domains = [...domainIds];
    if (domains.length === 0) return;
    this.watch.register(domains, target);
    for (const id of domains) this.pendingMarks.add(id);
    this.scheduleFlush(GENERATION_COALESCE_MS);
    this.scheduleProbes(0);
    this.scheduleRenewal();
  }

  keyOf(domainId: string): string {
    return generationKey(this.config.redis.keyPrefix, domainId);
  }

  async flush(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const marks = [...this.pendingMarks];
    // New writes of a domain bump it anyway; a domain observed meanwhile has no field left to renew.
    const renewals = [...this.pendingRenewals].filter(
      (d) => !this.pendingMarks.has(d) && this.watch.pendingSeq(d) !== null,
    );
    const clears = [...this.pendingClears];
    this.pendingMarks = new Set();
    this.pendingRenewals = new Set();
    this.pendingClears = new Map();
    if (marks.length === 0 && renewals.length === 0 && clears.length === 0) return;
    try {
      const results = await withDeadline(
        this.transact(marks, renewals, clears),
        REDIS_DEADLINE_MS,
        'mark writes',
      );
      const failed = results.find(([error]) => error !== null);
      if (failed?.[0]) throw failed[0];
    } catch (error) {
      this.metrics.generationBumpFailures.inc(marks.length + renewals.length);
      this.warn('redis', 'generation bump failed; retrying until Redis is back', error);
      // A call that missed its deadline may still have run: bumping twice only orphans answers once more, and
      // a field raised late only keeps the cache off until its deadline.
      for (const domain of marks) this.pendingMarks.add(domain);
      for (const domain of renewals) this.pendingRenewals.add(domain);
      for (const [domain, seq] of clears) this.queueClear(domain, seq);
      if (!this.stopped && this.timer === null) this.scheduleFlush(GENERATION_RETRY_MS);
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.probeTimer !== null) clearTimeout(this.probeTimer);
    if (this.renewTimer !== null) clearTimeout(this.renewTimer);
    this.probeTimer = null;
    this.renewTimer = null;
    this.probe.stop();
    // Fields of writes not yet observed are left to their deadline: the cache stays off for those domains.
    await this.flush();
  }

  private markerOf(domainId: string): string {
    return recentWriteKey(this.config.redis.keyPrefix, domainId);
  }

  private scheduleFlush(ms: number): void {
    if (this.timer !== null) return;
    this.timer = setTimeout(() => void this.flush(), ms);
    this.timer.unref();
  }

  private scheduleProbes(ms: number): void {
    if (this.probeTimer !== null || this.stopped) return;
    this.probeTimer = setTimeout(() => {
      this.probeTimer = null;
      this.sendProbes();
    }, ms);
    this.probeTimer.unref();
  }

  private sendProbes(): void {
    for (const target of this.watch.unprobedTargets()) {
      if (this.probing.has(target)) continue;
      const wait = (this.lastProbeAt.get(target) ?? 0) + PROBE_SPACING_MS - Date.now();
      if (wait > 0) {
        this.scheduleProbes(wait);
        continue;
      }
      void this.probeOnce(target);
    }
  }

  private async probeOnce(target: string): Promise<void> {
    this.probing.add(target);
    this.lastProbeAt.set(target, Date.now());
    const probe = this.watch.probeSent(target);
    let retryIn = 0;
    try {
      await this.probe.await(target);
      for (const { domainId, seq } of this.watch.observe(target, probe))
        this.queueClear(domainId, seq);
      if (this.pendingClears.size > 0) this.scheduleFlush(0);
    } catch (error) {
      this.watch.probeFailed(probe);
      if (this.stopped) return;
      retryIn = PROBE_RETRY_MS;
      this.warn(
        'probe',
        'refresh probe failed; the cache stays off for the domains written',
        error,
      );
    } finally {
      this.probing.delete(target);
    }
    this.scheduleProbes(retryIn);
  }

  private scheduleRenewal(): void {
    if (this.renewTimer !== null || this.stopped) return;
    this.renewTimer = setTimeout(() => {
      this.renewTimer = null;
      this.renewMarkers();
      if (this.watch.pendingDomains().length > 0) this.scheduleRenewal();
    }, MARKER_RENEW_MS);
    this.renewTimer.unref();
  }

  private renewMarkers(): void {
    const waiting = this.watch.pendingDomains();
    for (const { domainId } of waiting) this.pendingRenewals.add(domainId);
    if (waiting.length > 0) this.scheduleFlush(0);
  }

  /**
   * Marks and clears in one MULTI, by SHA. Should Redis have lost the scripts, the NOSCRIPT is only in EXEC's
   * reply and ioredis would keep sending the SHA on this connection, so the whole MULTI goes once more with the
   * scripts' text, which also loads them for the next calls. Running a part twice is harmless: a write mark
   * bumped twice only orphans answers once more, a renewal of a live field does not bump, clears are bounded
   * by their seq.
   */
  private async transact(
    marks: string[],
    renewals: string[],
    clears: [string, number][],
  ): Promise<[Error | null, unknown][]> {
    const first = (await this.multiOf(marks, renewals, clears, 'sha').exec()) ?? [];
    if (!first.some(([error]) => isNoScript(error))) return first;
    return (await this.multiOf(marks, renewals, clears, 'text').exec()) ?? [];
  }

  private multiOf(
    marks: string[],
    renewals: string[],
    clears: [string, number][],
    send: 'sha' | 'text',
  ): ChainableCommander {
    const multi = this.redis.multi() as ChainableCommander & MarkerCommands<ChainableCommander>;
    const entries = [
      ...marks.map((d) => ({ domain: d, kind: MARK_KIND.write })),
      ...renewals.map((d) => ({ domain: d, kind: MARK_KIND.renewal })),
    ];
    if (entries.length > 0) {
      // Atomic per call, so an API never sees the new generation without the marker.
      const keys = entries.flatMap(({ domain }) => [this.keyOf(domain), this.markerOf(domain)]);
      const args = entries.flatMap(({ domain, kind }) => [
        String(this.watch.pendingSeq(domain) ?? 0),
        kind,
      ]);
      const all = [...keys, this.instanceId, WRITE_MARKER_TTL_MS, ...args];
      if (send === 'sha') multi.markWrites(keys.length, ...all);
      else multi.eval(MARK_WRITES, keys.length, ...all);
    }
    if (clears.length > 0) {
      const keys = clears.map(([d]) => this.markerOf(d));
      const all = [...keys, this.instanceId, ...clears.map(([, seq]) => String(seq))];
      if (send === 'sha') multi.clearObserved(keys.length, ...all);
      else multi.eval(CLEAR_OBSERVED, keys.length, ...all);
    }
    return multi;
  }

  private queueClear(domainId: string, seq: number): void {
    this.pendingClears.set(domainId, Math.max(seq, this.pendingClears.get(domainId) ?? 0));
  }

  private warn(kind: string, message: string, error: unknown): void {
    const now = Date.now();
    if (now - (this.lastWarningAt.get(kind) ?? 0) < REDIS_WARNING_EVERY_MS) return;
    this.lastWarningAt.set(kind, now);
    this.logger.event('warn', message, {
      error: error instanceof Error ? error.message : String(error),
    });
  }
}
