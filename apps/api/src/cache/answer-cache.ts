import { createHash } from 'node:crypto';
import type { ApiConfig } from '@app/config';
import { generationKey, JsonLogger, recentWriteKey } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { z } from 'zod';
import { API_CONFIG, REDIS_CLIENT } from '../api.tokens';
import { ApiMetrics } from '../metrics/api.metrics';
import { type AnswerCacheCommands, withAnswerCacheCommands } from './answer-cache.scripts';
import { canonicalJson } from './canonical-json';
import { JsonAnswer } from './json-answer';

const slotReply = z.tuple([z.string(), z.union([z.literal(0), z.literal(1)])]);

/**
 * How long one cache command may take before the request goes on without the cache. Redis answers in
 * well under a millisecond when healthy, and the client has no command timeout of its own: without
 * this a Redis that stops replying (stuck fork, dead link) would hold every request forever.
 */
export const CACHE_COMMAND_DEADLINE_MS = 250;

interface CacheSlot {
  key: string;
  domainId: string;
  /** as read from Redis, '' when the domain has none yet */
  generation: string;
}

class CacheDeadlineError extends Error {
  constructor(what: string) {
    super(`redis ${what} gave no answer within ${CACHE_COMMAND_DEADLINE_MS} ms`);
  }
}

/**
 * Caches `list` and `stat` answers in Redis. The key embeds the domain's generation counter, which
 * the projector bumps whenever it changes that domain's documents, so a bump orphans every older
 * answer at once; right after a bump the domain is answered uncached until its writes are
 * searchable (libs/platform cache-coherence.ts). Redis failing means "no cache", never an error.
 */
@Injectable()
export class AnswerCache {
  private lastWarning = 0;
  /** When the socket opened while the client still waits for Redis's first reply (else null). */
  private handshakeSince: number | null = null;
  private readonly scripts: AnswerCacheCommands;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly logger: JsonLogger,
    private readonly metrics: ApiMetrics,
  ) {
    this.scripts = withAnswerCacheCommands(redis);
    if (redis.status === 'connect') this.handshakeSince = Date.now();
    redis.on('connect', () => (this.handshakeSince = Date.now()));
    redis.on('ready', () => (this.handshakeSince = null));
    redis.on('close', () => (this.handshakeSince = null));
  }

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
    const slot = await this.slotFor(domainId, kind, request);
    const hit = slot === undefined ? undefined : await this.read(slot.key);
    this.metrics.recordCache(slot === undefined ? 'bypass' : hit !== undefined ? 'hit' : 'miss');
    if (hit !== undefined) return JsonAnswer.fromJson<T>(hit);
    const answer = JsonAnswer.of(await compute());
    if (slot !== undefined) await this.write(slot, answer.text());
    return answer;
  }

  private async slotFor(
    domainId: string,
    kind: string,
    request: unknown,
  ): Promise<CacheSlot | undefined> {
    try {
      const prefix = this.config.redis.keyPrefix;
      const reply = await this.withinDeadline(
        'read script',
        this.scripts.answerCacheReadSlot(
          generationKey(prefix, domainId),
          recentWriteKey(prefix, domainId),
        ),
      );
      const [generation, markerUp] = slotReply.parse(reply);
      if (markerUp === 1) return undefined;
      const digest = createHash('sha256').update(canonicalJson(request)).digest('base64url');
      return {
        key: `${prefix}answer:${domainId}:${generation === '' ? '0' : generation}:${kind}:${digest}`,
        domainId,
        generation,
      };
    } catch (error) {
      this.reopenIfHandshakeStalled();
      this.warn(error);
      return undefined;
    }
  }

  /**
   * A reconnect into the same silence sends its handshake into the void: the socket is open, so the
   * client's connect timeout no longer applies, and without a reply it never becomes ready. Commands
   * then fail at once without any deadline to miss, so this is the only thing that starts over.
   */
  private reopenIfHandshakeStalled(): void {
    const since = this.handshakeSince;
    if (since === null || this.redis.status !== 'connect') return;
    if (Date.now() - since < CACHE_COMMAND_DEADLINE_MS) return;
    this.handshakeSince = null;
    this.redis.disconnect(true);
  }

  private async read(key: string): Promise<string | undefined> {
    try {
      return (await this.withinDeadline('GET', this.redis.get(key))) ?? undefined;
    } catch (error) {
      this.warn(error);
      return undefined;
    }
  }

  private async write(slot: CacheSlot, value: string): Promise<void> {
    const prefix = this.config.redis.keyPrefix;
    try {
      await this.withinDeadline(
        'store script',
        this.scripts.answerCacheStore(
          generationKey(prefix, slot.domainId),
          recentWriteKey(prefix, slot.domainId),
          slot.key,
          slot.generation,
          value,
          this.config.api.cache.ttlSeconds,
        ),
      );
    } catch (error) {
      this.warn(error);
    }
  }

  /**
   * Races a command against the deadline. On a miss the connection is dropped and reopened: replies
   * lost on a dead link would otherwise leave every later command waiting behind them, and the
   * client only reconnects by itself when the socket closes, which a silent peer never does.
   */
  private async withinDeadline<R>(what: string, command: Promise<R>): Promise<R> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new CacheDeadlineError(what)), CACHE_COMMAND_DEADLINE_MS);
    });
    try {
      return await Promise.race([command, deadline]);
    } catch (error) {
      if (error instanceof CacheDeadlineError && this.redis.status === 'ready') {
        this.redis.disconnect(true);
      }
      throw error;
    } finally {
      clearTimeout(timer);
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
