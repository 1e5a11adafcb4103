import { createHash } from 'node:crypto';
import type { ApiConfig } from '@app/config';
import { generationKey, JsonLogger, recentWriteKey } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { API_CONFIG, REDIS_CLIENT } from '../api.tokens';
import { ApiMetrics } from '../metrics/api.metrics';
import { canonicalJson } from './canonical-json';
import { JsonAnswer } from './json-answer';

/**
 * Caches `list` and `stat` answers in Redis. The key embeds the domain's generation counter, which
 * the projector bumps whenever it changes that domain's documents, so a bump orphans every older
 * answer at once; right after a bump the domain is answered uncached until its writes are
 * searchable (libs/platform cache-coherence.ts). Redis failing means "no cache", never an error.
 */
@Injectable()
export class AnswerCache {
  private lastWarning = 0;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly logger: JsonLogger,
    private readonly metrics: ApiMetrics,
  ) {}

  async through<T>(
    domainId: string,
    kind: string,
    request: unknown,
    compute: () => Promise<T>,
  ): Promise<JsonAnswer<T>> {
    if (!this.config.api.cache.enabled) {
      this.metrics.recordCache('bypass');
      return JsonAnswer.of(await compute());
    }
    const key = await this.keyFor(domainId, kind, request);
    const hit = key === undefined ? undefined : await this.read(key);
    this.metrics.recordCache(key === undefined ? 'bypass' : hit !== undefined ? 'hit' : 'miss');
    if (hit !== undefined) return JsonAnswer.fromJson<T>(hit);
    const answer = JsonAnswer.of(await compute());
    if (key !== undefined) await this.write(key, answer.text());
    return answer;
  }

  private async keyFor(
    domainId: string,
    kind: string,
    request: unknown,
  ): Promise<string | undefined> {
    try {
      const prefix = this.config.redis.keyPrefix;
      const [generation, recentlyWritten] = await this.redis.mget(
        generationKey(prefix, domainId),
        recentWriteKey(prefix, domainId),
      );
      if (recentlyWritten !== null) return undefined;
      const digest = createHash('sha256').update(canonicalJson(request)).digest('base64url');
      return `${prefix}answer:${domainId}:${generation ?? '0'}:${kind}:${digest}`;
    } catch (error) {
      this.warn(error);
      return undefined;
    }
  }

  private async read(key: string): Promise<string | undefined> {
    try {
      return (await this.redis.get(key)) ?? undefined;
    } catch (error) {
      this.warn(error);
      return undefined;
    }
  }

  private async write(key: string, value: string): Promise<void> {
    try {
      await this.redis.set(key, value, 'EX', this.config.api.cache.ttlSeconds);
    } catch (error) {
      this.warn(error);
    }
  }

  /** One warning per minute at most: a Redis outage must not flood the log. */
  private warn(error: unknown): void {
    if (Date.now() - this.lastWarning < 60_000) return;
    this.lastWarning = Date.now();
    const message = error instanceof Error ? error.message : String(error);
    this.logger.event('warn', 'answer cache unavailable; serving without it', { error: message });
  }
}
