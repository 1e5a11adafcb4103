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
import { APP_FILTER } from '@nestjs/core';
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
      controllers: [HealthController, JobTasksController, JobTaskGrpcController],
      providers: [
        { provide: API_CONFIG, useValue: config },
        { provide: API_CLOCK, useValue: clock },
        { provide: JsonLogger, useValue: logger },
        {
          provide: ELASTICSEARCH_CLIENT,
          useFactory: () => createElasticsearchClient(config.elasticsearch),
        },
        { provide: REDIS_CLIENT, useFactory: () => createRedisClient(config.redis) },
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
