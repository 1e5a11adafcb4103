import type { ProjectorConfig } from '@app/config';
import { Inject, Injectable } from '@nestjs/common';
import type {
  Rejection,
  SourceMessage,
  StoredDocument,
  WriteTarget,
} from '../core/projection.types';
import { JobTasksRepository } from '../elasticsearch/job-tasks.repository';
import { DeadLetterProducer } from '../kafka/dead-letter.producer';
import { ProjectorMetrics } from '../metrics/projector.metrics';
import { PROJECTOR_CONFIG } from '../projector.tokens';
import { GenerationNotifier } from '../redis/generation.notifier';
import { decodeBatch, type DecodedBatch } from './message-batch.plan';
import { markNotDurable, splitAtWatermarks, type NotDurable } from './offset-commit.rule';
import { StoreWriteRounds } from './store-write.rounds';
import type { TaskStateCache } from './task-state.cache';
import type { WriteWindow } from './write-window';

export interface FlushResult {
  /** Per partition, the first offset whose outcome is not durable: the commit stops there, the partition re-reads. */
  notDurable: ReadonlyMap<number, number>;
  /** Why some offsets are not durable; null when everything is. */
  failure: Error | null;
  /** Tasks to read one event per piece from now on (see StoreOutcome.isolate). */
  isolate: ReadonlySet<string>;
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
    this.metrics.batchEvents.observe(window.messageCount);
    let known: Map<string, StoredDocument>;
    try {
      // A rebuild may have moved the alias since a document was cached: its seq_no would still match in the old
      // index, so a write there would be lost to readers. Everything in this window was fetched before this check.
      if (target.isAlias) cache.evictUnless(await this.repository.aliasIndices(target.name));
      known = cache.lookup(window.groups.keys());
    } catch (error) {
      return nothingDurable(window, error);
    }
    const stored = await this.store.apply(window.groups.values(), target, known);

    this.metrics.recordApplied(stored.applied, stored.newestOccurredAt);
    this.metrics.eventsDuplicate.inc(stored.duplicates);
    this.generations.bump(stored.writtenDomains, target.name);
    for (const group of window.groups.values()) {
      const settled = stored.settled.get(group.id);
      // A finished task rarely gets another event (a late duplicate costs one mget): caching it would only crowd
      // out the tasks still running, which will.
      if (settled && settled.document.finished_at === null)
        cache.remember(group.id, settled, group.lastPartition);
      else cache.forget(group.id);
    }

    const notDurable = new Map(stored.notDurable);
    let failure = stored.failure;
    const { now } = splitAtWatermarks(rejectionsToDeadLetter(window, stored, target), notDurable);
    try {
      await this.deadLetters.send(now);
    } catch (error) {
      now.forEach((r) => markNotDurable(notDurable, r.source.partition, r.source.offset));
      failure ??= asError(error);
    }
    return { notDurable, failure, isolate: stored.isolate };
  }
}

/**
 * A concrete target is a rebuild's new index, replaying messages the live projector consumes too: a message that
 * cannot be decoded was dead-lettered by it already, and a second record would count one bad message twice (the
 * contract gives each message one outcome). What the new index itself refuses is the rebuild's own to report.
 */
function rejectionsToDeadLetter(
  window: WriteWindow,
  stored: { rejections: readonly Rejection[] },
  target: WriteTarget,
): Rejection[] {
  return target.isAlias ? [...window.rejections, ...stored.rejections] : [...stored.rejections];
}

/** The result of a flush that failed before anything was written: every partition re-reads what the window holds. */
export function nothingDurable(window: WriteWindow, error: unknown): FlushResult {
  const notDurable: NotDurable = window.firstOffsets;
  return { notDurable, failure: asError(error), isolate: new Set() };
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
