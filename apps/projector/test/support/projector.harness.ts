import type { ProjectorConfig } from '@app/config';
import { JsonLogger } from '@app/platform';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ProjectorModule } from '../../src/projector.module';

/** A projector app in this process, on an ephemeral port, logging warnings and errors only. */
export async function startProjector(config: ProjectorConfig): Promise<INestApplication> {
  const logger = new JsonLogger('warn', 'projector-under-test');
  const app = await NestFactory.create(ProjectorModule.register(config, logger, 'serve'), {
    logger,
  });
  await app.listen(0, '127.0.0.1');
  return app;
}
