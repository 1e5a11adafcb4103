import type { ProjectorConfig } from '@app/config';
import {
  HealthController,
  JsonLogger,
  READINESS_PROBES,
  createElasticsearchClient,
  createKafka,
  createRedisClient,
  elasticsearchProbe,
  redisProbe,
} from '@app/platform';
import type { Client } from '@elastic/elasticsearch';
import {
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import type Redis from 'ioredis';
import { BatchProjectorService } from './batch/batch-projector.service';
import { StoreWriteRounds } from './batch/store-write.rounds';
import { JobTasksIndexManager } from './elasticsearch/job-tasks-index.manager';
import { JobTasksRepository } from './elasticsearch/job-tasks.repository';
import { DeadLetterProducer } from './kafka/dead-letter.producer';
import { KafkaBatchConsumerFactory } from './batch/kafka-batch.consumer';
import { KafkaReadinessProbe } from './startup/kafka-readiness.probe';
import { KafkaTopicsAdmin } from './kafka/kafka-topics.admin';
import { MetricsController } from './metrics/metrics.controller';
import { ProjectorMetrics } from './metrics/projector.metrics';
import { ELASTICSEARCH_CLIENT, KAFKA, PROJECTOR_CONFIG, REDIS_CLIENT } from './projector.tokens';
import { RebuildCommand } from './rebuild/rebuild.command';
import { GenerationNotifier } from './redis/generation.notifier';
import { StartupLock } from './redis/startup.lock';
import { ProjectorRunner } from './startup/projector.runner';

/** Closes the clients last, after every component that uses them has stopped (beforeApplicationShutdown). */
@Injectable()
class ClientsShutdown implements OnApplicationShutdown {
  constructor(
    @Inject(ELASTICSEARCH_CLIENT) private readonly es: Client,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
    await this.es.close();
  }
}

export type ProjectorMode = 'serve' | 'rebuild';

/** The projector's wiring. Config and logger are passed in, so tests run isolated instances side by side. */
@Module({})
export class ProjectorModule {
  static register(config: ProjectorConfig, logger: JsonLogger, mode: ProjectorMode): DynamicModule {
    const clients: Provider[] = [
      { provide: PROJECTOR_CONFIG, useValue: config },
      { provide: JsonLogger, useValue: logger },
      {
        provide: ELASTICSEARCH_CLIENT,
        useFactory: () => createElasticsearchClient(config.elasticsearch),
      },
      { provide: REDIS_CLIENT, useFactory: () => createRedisClient(config.redis, logger) },
      { provide: KAFKA, useFactory: () => createKafka(config.kafka, logger) },
      ClientsShutdown,
    ];
    const pipeline: Provider[] = [
      ProjectorMetrics,
      JobTasksRepository,
      JobTasksIndexManager,
      StartupLock,
      GenerationNotifier,
      DeadLetterProducer,
      StoreWriteRounds,
      BatchProjectorService,
      KafkaBatchConsumerFactory,
      KafkaTopicsAdmin,
    ];
    if (mode === 'rebuild') {
      return { module: ProjectorModule, providers: [...clients, ...pipeline, RebuildCommand] };
    }
    return {
      module: ProjectorModule,
      controllers: [HealthController, MetricsController],
      providers: [
        ...clients,
        ...pipeline,
        ProjectorRunner,
        KafkaReadinessProbe,
        {
          provide: READINESS_PROBES,
          inject: [KafkaReadinessProbe, ELASTICSEARCH_CLIENT, REDIS_CLIENT],
          useFactory: (kafka: KafkaReadinessProbe, es: Client, redis: Redis) => [
            kafka,
            elasticsearchProbe(es),
            redisProbe(redis),
          ],
        },
      ],
    };
  }
}
