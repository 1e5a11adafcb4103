import type { ProjectorConfig } from '@app/config';
import { JsonLogger } from '@app/platform';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ProjectorModule } from '../../src/projector.module';
import { waitUntilReady } from './readiness';
import type { StackClients } from './stack.clients';

/** A projector app in this process, on an ephemeral port, logging warnings and errors only. */
export async function startProjector(config: ProjectorConfig): Promise<INestApplication> {
  const logger = new JsonLogger('warn', 'projector-under-test');
  const app = await NestFactory.create(ProjectorModule.register(config, logger, 'serve'), {
    logger,
  });
  await app.listen(0, '127.0.0.1');
  return app;
}

/** `startProjector`, then wait until `/ready` answers, as a spec needs before it produces anything. */
export async function startReadyProjector(config: ProjectorConfig): Promise<INestApplication> {
  const app = await startProjector(config);
  await waitUntilReady(app);
  return app;
}

/** Closes a spec's projector (if it started) and then removes its topics, index and keys. */
export async function stopProjector(
  app: INestApplication | null | undefined,
  stack: StackClients | undefined,
): Promise<void> {
  await app?.close();
  await stack?.cleanUp();
}
