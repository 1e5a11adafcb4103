import type { ProjectorConfig } from '@app/config';
import type { Client } from '@elastic/elasticsearch';
import { BatchProjectorService } from '../../src/batch/batch-projector.service';
import { StoreWriteRounds } from '../../src/batch/store-write.rounds';
import type { Rejection } from '../../src/core/projection.types';
import { JobTasksRepository } from '../../src/elasticsearch/job-tasks.repository';
import type { DeadLetterProducer } from '../../src/kafka/dead-letter.producer';
import type { ProjectorMetrics } from '../../src/metrics/projector.metrics';
import type { GenerationNotifier } from '../../src/redis/generation.notifier';

/**
 * The real flush path (service, write rounds, repository) over a stubbed Elasticsearch client, with dead letters
 * collected into `deadLettered` and generation bumps that go nowhere: for unit tests and in-process measures that need no servers.
 */
export function batchProjectorOver(
  es: object,
  config: ProjectorConfig,
  metrics: ProjectorMetrics,
  deadLettered: Rejection[] = [],
): BatchProjectorService {
  const repository = new JobTasksRepository(es as Client, config);
  return new BatchProjectorService(
    new StoreWriteRounds(repository, metrics),
    repository,
    {
      send: (rejections: readonly Rejection[]) => {
        deadLettered.push(...rejections);
        return Promise.resolve();
      },
    } as unknown as DeadLetterProducer,
    metrics,
    { bump: () => undefined } as unknown as GenerationNotifier,
    config,
  );
}
