import type { ProjectorConfig } from '@app/config';
import { Inject, Injectable } from '@nestjs/common';
import type { WriteTarget } from '../core/projection.types';
import { DeadLetterProducer } from '../kafka/dead-letter.producer';
import { ProjectorMetrics } from '../metrics/projector.metrics';
import { PROJECTOR_CONFIG } from '../projector.tokens';
import { GenerationNotifier } from '../redis/generation.notifier';
import type { SourceMessage } from '../core/projection.types';
import { decodeBatch, groupByTask } from './message-batch.plan';
import { splitAtWatermarks } from './offset-commit.rule';
import { StoreWriteRounds } from './store-write.rounds';

export interface FlushResult {
  /** Messages whose outcome is not durable: the partition's commit stops at the first of them. */
  unsettled: ReadonlySet<SourceMessage>;
  /** Why some messages are unsettled; null when everything is durable. */
  failure: Error | null;
}

/**
 * One flush: decode → group by task → fold into the current documents → one conditional bulk per round →
 * dead-letter what cannot be projected. The caller commits only the settled prefix of each partition.
 */
@Injectable()
export class BatchProjectorService {
  constructor(
    private readonly store: StoreWriteRounds,
    private readonly deadLetters: DeadLetterProducer,
    private readonly metrics: ProjectorMetrics,
    private readonly generations: GenerationNotifier,
    @Inject(PROJECTOR_CONFIG) private readonly config: ProjectorConfig,
  ) {}

  async project(messages: readonly SourceMessage[], target: WriteTarget): Promise<FlushResult> {
    this.metrics.messagesConsumed.inc(messages.length);
    this.metrics.batchEvents.observe(messages.length);
    const decoded = decodeBatch(messages, this.config.projector.maxEventBytes);
    const stored = await this.store.apply(groupByTask(decoded.events).values(), target);

    this.metrics.recordApplied(
      stored.applied.length,
      newestOccurredAt(stored.applied.map((e) => e.event.occurred_at)),
    );
    this.metrics.eventsDuplicate.inc(stored.duplicates);
    this.generations.bump(stored.writtenDomains);

    const unsettled = new Set(stored.unsettled);
    let failure = stored.failure;
    const { now, later } = splitAtWatermarks(
      [...decoded.rejections, ...stored.rejections],
      messages,
      unsettled,
    );
    later.forEach((r) => unsettled.add(r.source));
    try {
      await this.deadLetters.send(now);
    } catch (error) {
      now.forEach((r) => unsettled.add(r.source));
      failure ??= error instanceof Error ? error : new Error(String(error));
    }
    return { unsettled, failure };
  }
}

function newestOccurredAt(timestamps: readonly string[]): string | null {
  let newest: string | null = null;
  for (const t of timestamps) if (newest === null || t > newest) newest = t;
  return newest;
}
