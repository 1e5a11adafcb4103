import type { ApiConfig } from '@app/config';
import type { JsonLogger } from '@app/platform';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Server } from 'node:http';
import { ApiModule } from './api.module';
import type { Clock } from './api.tokens';
import { jobTaskGrpcOptions } from './grpc/grpc-transport.options';
import { correlationIdMiddleware } from './http/correlation-id';
import { installJsonBody } from './http/json-body';
import { installResponseHeaders } from './http/response-headers';
import { ApiMetrics } from './metrics/api.metrics';
import { installHttpRequestMetrics } from './metrics/http-request.metrics';
import { installOpenApi } from './openapi/openapi';

/**
 * Builds the HTTP app with the gRPC server attached (hybrid app), without listening, so tests can
 * run it in-process on any port. gRPC serves once `startAllMicroservices()` is called.
 */
export async function createApiApp(
  config: ApiConfig,
  logger: JsonLogger,
  clock?: Clock,
): Promise<INestApplication> {
  const app = await NestFactory.create(ApiModule.forConfig(config, logger, clock), {
    logger,
    bodyParser: false,
  });
  installHttpRequestMetrics(app.getHttpServer() as Server, app.get(ApiMetrics));
  installResponseHeaders(app);
  app.use(correlationIdMiddleware);
  installJsonBody(app, config, logger);
  installOpenApi(app);
  app.connectMicroservice(
    jobTaskGrpcOptions(config.api.grpcPort, '0.0.0.0', config.api.maxBodyBytes),
  );
  app.enableShutdownHooks();
  return app;
}
