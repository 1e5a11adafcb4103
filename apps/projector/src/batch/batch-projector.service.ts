import type { ProjectorConfig } from '@app/config';
import { Inject, Injectable } from '@nestjs/common';
import type { SourceMessage, StoredDocument, WriteTarget } from '../core/projection.types';
import { JobTasksRepository } from '../elasticsearch/job-tasks.repository';
import { DeadLetterProducer } from '../kafka/dead-letter.producer';
import { ProjectorMetrics } from '../metrics/projector.metrics';
import { PROJECTOR_CONFIG } from '../projector.tokens';
import { GenerationNotifier } from '../redis/generation.notifier';
import { decodeBatch, type DecodedBatch } from './message-batch.plan';
import { splitAtWatermarks } from './offset-commit.rule';
import { StoreWriteRounds } from './store-write.rounds';
import type { TaskStateCache } from './task-state.cache';
import type { WriteWindow } from './write-window';

export interface FlushResult {
  /** Messages whose outcome is not durable: the partition's commit stops at the first of them. */
  unsettled: ReadonlySet<SourceMessage>;
  /** Why some messages are unsettled; null when everything is durable. */
  failure: Error | null;
}

/**
 * One flush of a window: take the cached versions (an mget only for misses) → fold each task's events into its
 * document → one guarded write per document → dead-letter what cannot be projected → remember the new versions.
 * The caller commits only the settled prefix of each partition.
 */
@Injectable()
export class BatchProjectorService {
  constructor(
    private readonly store: StoreWriteRounds,
    private readonly repository: JobTasksRepository,
    private readonly deadLetters: DeadLetterProducer,
    private readonly metrics: ProjectorMetrics,
    private readonly generations: GenerationNotifier,
    @Inject(PROJECTOR_CONFIG) private readonly config: ProjectorConfig,
  ) {}

  /** The CPU half of consuming, done as messages arrive (overlapping the bulk of the previous window). */
  decode(messages: readonly SourceMessage[]): DecodedBatch {
    this.metrics.messagesConsumed.inc(messages.length);
    return decodeBatch(messages, this.config.projector.maxEventBytes);
  }

  async flush(
    window: WriteWindow,
    target: WriteTarget,
    cache: TaskStateCache,
  ): Promise<FlushResult> {
    this.metrics.batchEvents.observe(window.messages.length);
    let known: Map<string, StoredDocument>;
    try {
      // A rebuild may have moved the alias since a document was cached: its seq_no would still match in the old
      // index, so a write there would be lost to readers. Everything in this window was fetched before this check.
      if (target.isAlias) cache.evictUnless(await this.repository.aliasIndices(target.name));
      known = cache.lookup(window.groups.keys());
    } catch (error) {
      return { unsettled: new Set(window.messages), failure: asError(error) };
    }
    const stored = await this.store.apply(window.groups.values(), target, known);

    this.metrics.recordApplied(
      stored.applied.length,
      newestOccurredAt(stored.applied.map((e) => e.event.occurred_at)),
    );
    this.metrics.eventsDuplicate.inc(stored.duplicates);
    this.generations.bump(stored.writtenDomains);
    for (const group of window.groups.values()) {
      const settled = stored.settled.get(group.id);
      const partition = group.events[group.events.length - 1]?.source.partition ?? 0;
      if (settled) cache.remember(group.id, settled, partition);
      else cache.forget(group.id);
    }

    const unsettled = new Set(stored.unsettled);
    let failure = stored.failure;
    const { now, later } = splitAtWatermarks(
      [...window.rejections, ...stored.rejections],
      window.messages,
      unsettled,
    );
    later.forEach((r) => unsettled.add(r.source));
    try {
      await this.deadLetters.send(now);
    } catch (error) {
      now.forEach((r) => unsettled.add(r.source));
      failure ??= asError(error);
    }
    return { unsettled, failure };
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

function newestOccurredAt(timestamps: readonly string[]): string | null {
  let newest: string | null = null;
  for (const t of timestamps) if (newest === null || t > newest) newest = t;
  return newest;
}
