import type { ProjectorConfig } from '@app/config';
import { generationKey, JsonLogger, RECENT_WRITE_WINDOW_MS, recentWriteKey } from '@app/platform';
import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import { ProjectorMetrics } from '../metrics/projector.metrics';
import { PROJECTOR_CONFIG, REDIS_CLIENT } from '../projector.tokens';
import {
  GENERATION_COALESCE_MS,
  REDIS_DEADLINE_MS,
  REDIS_WARNING_EVERY_MS,
} from '../projector.settings';
import { withDeadline } from './redis-deadline';

/**
 * A failed bump is tried again this often until it lands. Dropping it would leave the API serving the
 * answers cached before the write, under a generation that never moves, for a whole cache TTL.
 */
export const GENERATION_RETRY_MS = 1_000;

/**
 * Bumps `<prefix>generation:<domain_id>` for every domain a flushed batch wrote to, which is how the API learns
 * that its cached answers for that domain are stale. Redis down costs a throttled warning and a metric, never a
 * slower or stopped projection; the domains stay pending and are bumped once Redis answers again.
 */
@Injectable()
export class GenerationNotifier implements BeforeApplicationShutdown {
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private lastWarningAt = 0;
  private stopped = false;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(PROJECTOR_CONFIG) private readonly config: ProjectorConfig,
    private readonly logger: JsonLogger,
    private readonly metrics: ProjectorMetrics,
  ) {}

  /** Never throws and never waits; bumps of flushes a few milliseconds apart share one MULTI. */
  bump(domainIds: Iterable<string>): void {
    for (const id of domainIds) this.pending.add(id);
    if (this.pending.size === 0 || this.timer !== null) return;
    this.schedule(GENERATION_COALESCE_MS);
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => void this.flush(), ms);
    this.timer.unref();
  }

  keyOf(domainId: string): string {
    return generationKey(this.config.redis.keyPrefix, domainId);
  }

  async flush(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const domains = [...this.pending];
    this.pending = new Set();
    if (domains.length === 0) return;
    try {
      // Atomic, so an API never sees the new generation without the marker (see cache-coherence.ts).
      const multi = this.redis.multi();
      for (const domain of domains) {
        multi.incr(this.keyOf(domain));
        multi.set(
          recentWriteKey(this.config.redis.keyPrefix, domain),
          '1',
          'PX',
          RECENT_WRITE_WINDOW_MS,
        );
      }
      const results = await withDeadline(multi.exec(), REDIS_DEADLINE_MS, 'INCR generation');
      const failed = (results ?? []).find(([error]) => error !== null);
      if (failed?.[0]) throw failed[0];
    } catch (error) {
      this.metrics.generationBumpFailures.inc(domains.length);
      this.warn(error, domains.length);
      // A MULTI that missed its deadline may still have run: bumping twice only orphans answers once more.
      for (const domain of domains) this.pending.add(domain);
      if (!this.stopped && this.timer === null) this.schedule(GENERATION_RETRY_MS);
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.flush();
  }

  private warn(error: unknown, domains: number): void {
    const now = Date.now();
    if (now - this.lastWarningAt < REDIS_WARNING_EVERY_MS) return;
    this.lastWarningAt = now;
    this.logger.event('warn', 'generation bump failed; retrying until Redis is back', {
      domains,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}
