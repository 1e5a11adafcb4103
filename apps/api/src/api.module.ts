import { type ApiConfig } from '@app/config';
import {
  createElasticsearchClient,
  createRedisClient,
  elasticsearchProbe,
  readModelProbe,
  HealthController,
  JsonLogger,
  READINESS_PROBES,
  redisProbe,
} from '@app/platform';
import type { Client } from '@elastic/elasticsearch';
import { type DynamicModule, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import type Redis from 'ioredis';
import {
  API_CLOCK,
  API_CONFIG,
  type Clock,
  ELASTICSEARCH_CLIENT,
  REDIS_CLIENT,
} from './api.tokens';
import { ApiKeyGuard } from './auth/api-key.guard';
import { AnswerCache } from './cache/answer-cache';
import { ApiExceptionFilter } from './errors/api-exception.filter';
import { JobTaskGrpcController } from './grpc/job-task.grpc-controller';
import { JobTasksSearchRepository } from './job-tasks/job-tasks-search.repository';
import { JobTasksController } from './job-tasks/job-tasks.controller';
import { JobTasksService } from './job-tasks/job-tasks.service';
import { ApiMetrics } from './metrics/api.metrics';
import { DependencyGauge } from './metrics/dependency.gauge';
import { instrumentElasticsearch } from './metrics/elasticsearch.instrumentation';
import { ApiMetricsController } from './metrics/metrics.controller';
import { RouteLabelGuard } from './metrics/route-label.guard';

@Module({})
export class ApiModule implements OnApplicationShutdown {
  constructor(
    @Inject(ELASTICSEARCH_CLIENT) private readonly elasticsearch: Client,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
  ) {}

  static forConfig(
    config: ApiConfig,
    logger: JsonLogger,
    clock: Clock = () => new Date(),
  ): DynamicModule {
    return {
      module: ApiModule,
      controllers: [
        HealthController,
        ApiMetricsController,
        JobTasksController,
        JobTaskGrpcController,
      ],
      providers: [
        { provide: API_CONFIG, useValue: config },
        { provide: API_CLOCK, useValue: clock },
        { provide: JsonLogger, useValue: logger },
        ApiMetrics,
        {
          provide: ELASTICSEARCH_CLIENT,
          inject: [ApiMetrics],
          useFactory: (metrics: ApiMetrics) =>
            instrumentElasticsearch(createElasticsearchClient(config.elasticsearch), metrics),
        },
        { provide: REDIS_CLIENT, useFactory: () => createRedisClient(config.redis, logger) },
        {
          provide: READINESS_PROBES,
          inject: [ELASTICSEARCH_CLIENT, REDIS_CLIENT],
          useFactory: (es: Client, redis: Redis) => [
            elasticsearchProbe(es),
            readModelProbe(es, config.elasticsearch.alias),
            redisProbe(redis),
          ],
        },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        { provide: APP_GUARD, useClass: RouteLabelGuard },
        DependencyGauge,
        ApiKeyGuard,
        AnswerCache,
        JobTasksSearchRepository,
        JobTasksService,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
    await this.elasticsearch.close();
  }
}
