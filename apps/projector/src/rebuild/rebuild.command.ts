import type { ProjectorConfig } from '@app/config';
import { JsonLogger } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import { JobTasksIndexManager } from '../elasticsearch/job-tasks-index.manager';
import { KafkaBatchConsumerFactory, type KafkaBatchConsumer } from '../batch/kafka-batch.consumer';
import { KafkaTopicsAdmin, type PartitionRange } from '../kafka/kafka-topics.admin';
import { PROJECTOR_CONFIG } from '../projector.tokens';
import { progressTotals, reachedEnds } from './rebuild-progress.math';
import type { RebuildProgress } from './rebuild-progress.reporter';
import { RebuildConflictError, RebuildInterruptedError } from './rebuild.errors';
import { planRebuildTarget, rebuildGroupId } from './rebuild-target.plan';

export interface RebuildSummary {
  previousIndex: string | null;
  index: string;
  events: number;
  catchUpEvents: number;
  durationMs: number;
}

/**
 * Replays the events topic from the beginning into a new index version with its own consumer group, swaps the
 * alias atomically, then catches up from the snapshot's end offsets to the end offsets after the swap: whatever the
 * live projector applied to the old index in between is applied to the new one too (idempotently).
 */
@Injectable()
export class RebuildCommand {
  constructor(
    private readonly topics: KafkaTopicsAdmin,
    private readonly indices: JobTasksIndexManager,
    private readonly consumers: KafkaBatchConsumerFactory,
    private readonly logger: JsonLogger,
    @Inject(PROJECTOR_CONFIG) private readonly config: ProjectorConfig,
  ) {}

  /**
   * `stop` aborted before the swap ends the rebuild and deletes its half-built index, which nothing can use. After
   * the swap it is ignored: the alias is already on the new index, and only the catch-up brings it the events the
   * live projector applied to the previous one, so leaving early would lose them.
   */
  async run(progress: RebuildProgress, stop?: AbortSignal): Promise<RebuildSummary> {
    const startedAt = Date.now();
    await this.topics.ensureTopics();
    // Its target is a concrete index: deleted under it, a create must fail rather than make a stray one.
    await this.indices.ensureNoAutoCreate();
    const previousIndex = await this.indices.aliasTarget();
    const index = await this.claimNextVersion(previousIndex);
    const groupId = rebuildGroupId(this.config.projector.groupId, index);
    const positions = new Map<number, number>();
    let onPosition: () => void = () => undefined;
    const consumer = this.consumers.create({
      groupId,
      fromBeginning: true,
      target: { name: index, isAlias: false },
      // A large window: nothing reads the new index before the swap, so a replay writes each document about once.
      flushMaxIntervalMs: this.config.window.rebuildFlushMaxIntervalMs,
      onCommitted: (partition: number, next: number) => {
        positions.set(partition, Math.max(next, positions.get(partition) ?? 0));
        onPosition();
      },
    });
    this.logger.event('info', 'rebuild started', { index, previousIndex, groupId });
    let swapped = false;
    try {
      const snapshot = await this.topics.eventRanges();
      await consumer.start();
      await this.until(
        snapshot,
        positions,
        progress,
        'replay',
        (notify) => (onPosition = notify),
        stop,
      );
      if (stop?.aborted) throw this.interrupted(index);
      await this.indices.finishBulkLoad(index);
      await this.indices.swapAlias(previousIndex, index);
      swapped = true;
      const catchUp = (await this.topics.eventRanges()).map((range) => ({
        ...range,
        start: snapshot.find((s) => s.partition === range.partition)?.end ?? range.start,
      }));
      await this.until(catchUp, positions, progress, 'catch-up', (notify) => (onPosition = notify));
      const summary = {
        previousIndex,
        index,
        events: progressTotals(snapshot, positions).total,
        catchUpEvents: progressTotals(catchUp, positions).total,
        durationMs: Date.now() - startedAt,
      };
      this.logger.event('info', 'rebuild finished; the previous index is kept for rollback', {
        ...summary,
      });
      return summary;
    } finally {
      await this.stop(consumer, groupId);
      if (!swapped) {
        this.logger.event('error', 'rebuild did not complete; the alias was not moved', { index });
        if (stop?.aborted) await this.dropUnswapped(index);
      }
    }
  }

  /**
   * Refuses to start beside another rebuild: one replaying into a newer index (its index is still bulk-loading) or
   * catching up into the live one (its group has members). A killed rebuild's index is refused too, until the
   * operator deletes it: nothing can tell it from one whose consumer is still joining its group.
   */
  private async claimNextVersion(live: string | null): Promise<string> {
    const { index, unswapped, newer } = planRebuildTarget(
      this.indices.alias,
      live,
      await this.indices.versionedIndices(),
    );
    // Newer ones swapped in too: another rebuild may have swapped between the alias read and the listing.
    const candidates = [...(live === null ? [] : [live]), ...newer];
    const running = await this.topics.groupsWithMembers(
      candidates.map((name) => rebuildGroupId(this.config.projector.groupId, name)),
    );
    if (running.length > 0) {
      throw new RebuildConflictError(
        'REBUILD.ALREADY_RUNNING',
        `another rebuild is running (consumer group ${running.join(', ')} has members); wait for it to finish`,
      );
    }
    if (unswapped.length > 0) {
      throw new RebuildConflictError(
        'REBUILD.UNSWAPPED_INDEX',
        `${unswapped.join(', ')} ${unswapped.length === 1 ? 'is' : 'are'} newer than the live index and ` +
          `never swapped in: a rebuild was killed before its swap, or is just starting. If no other rebuild ` +
          `is running, delete ${unswapped.length === 1 ? 'it' : 'them'} and run the rebuild again`,
      );
    }
    // No refreshes during the load: nothing reads the new index before the swap, and indexing is faster.
    if (!(await this.indices.createIndex(index, { refreshInterval: '-1' }))) {
      throw new RebuildConflictError(
        'REBUILD.ALREADY_RUNNING',
        `${index} was created by another rebuild that started at the same moment; wait for it to finish`,
      );
    }
    // A swap after the checks above: replaying now would only end in AliasMovedError after the whole topic.
    const now = await this.indices.aliasTarget();
    if (now !== live) {
      await this.dropUnswapped(index);
      throw new RebuildConflictError(
        'REBUILD.ALREADY_RUNNING',
        `another rebuild swapped the alias to ${now ?? 'nothing'} while this one started; ${index} is deleted`,
      );
    }
    return index;
  }

  private interrupted(index: string): RebuildInterruptedError {
    return new RebuildInterruptedError(
      `rebuild interrupted before the swap: the alias was not moved and ${index} is deleted`,
    );
  }

  private async dropUnswapped(index: string): Promise<void> {
    await this.indices.deleteUnaliasedIndex(index).catch((error: unknown) => {
      this.logger.event(
        'warn',
        'could not delete the interrupted rebuild index; delete it by hand',
        {
          index,
          error: error instanceof Error ? error.message : String(error),
        },
      );
    });
  }

  private async until(
    ranges: PartitionRange[],
    positions: Map<number, number>,
    progress: RebuildProgress,
    phase: string,
    subscribe: (notify: () => void) => void,
    stop?: AbortSignal,
  ): Promise<void> {
    progress.begin(phase, progressTotals(ranges, positions).total);
    await new Promise<void>((resolve) => {
      const check = (): void => {
        progress.update(progressTotals(ranges, positions).done);
        if (reachedEnds(ranges, positions) || stop?.aborted) resolve();
      };
      stop?.addEventListener('abort', check, { once: true });
      subscribe(check);
      check();
    });
    progress.end();
  }

  private async stop(consumer: KafkaBatchConsumer, groupId: string): Promise<void> {
    await consumer.stop();
    await this.topics.deleteGroup(groupId).catch((error: unknown) => {
      this.logger.event('warn', 'could not delete the rebuild consumer group', {
        groupId,
        error: error instanceof Error ? error.message : String(error),
      });
    });
  }
}
