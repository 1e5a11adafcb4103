import type { ProjectorConfig } from '@app/config';
import { JsonLogger } from '@app/platform';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ProjectorModule } from '../src/projector.module';
import { RebuildCommand, type RebuildSummary } from '../src/rebuild/rebuild.command';
import { SILENT_PROGRESS } from '../src/rebuild/rebuild-progress.reporter';
import { simulatedMessages } from './support/event-streams';
import { expectedDocuments } from './support/expected-documents';
import { isolatedConfig } from './support/projector-test.config';
import { startReadyProjector, stopProjector } from './support/projector.harness';
import { StackClients } from './support/stack.clients';

async function runRebuild(config: ProjectorConfig): Promise<RebuildSummary> {
  const logger = new JsonLogger('error', 'rebuild-under-test');
  const context = await NestFactory.createApplicationContext(
    ProjectorModule.register(config, logger, 'rebuild'),
    { logger },
  );
  try {
    return await context.get(RebuildCommand).run(SILENT_PROGRESS);
  } finally {
    await context.close();
  }
}

describe('rolling a rebuild back as docs/operations.md says (real Kafka and Elasticsearch)', () => {
  let config: ProjectorConfig;
  let stack: StackClients;
  let app: INestApplication | null = null;

  beforeAll(async () => {
    config = isolatedConfig();
    stack = new StackClients(config);
    app = await startReadyProjector(config);
  });

  afterAll(async () => {
    await stopProjector(app, stack);
  });

  it('should give back a read model equal to the fold of every event, including those applied after the swap', async () => {
    const alias = config.elasticsearch.alias;
    const before = simulatedMessages(200, 51);
    const afterSwap = simulatedMessages(200, 52);
    await stack.produce(before);
    await stack.waitForGroupCaughtUp();
    const summary = await runRebuild(config);
    // The previous index stops receiving writes at the swap: these land in the new one only.
    await stack.produce(afterSwap);
    await stack.waitForGroupCaughtUp();

    const previousIndex = summary.previousIndex;
    expect(previousIndex).toBe(`${alias}-v1`);
    await app?.close();
    app = null;
    await stack.es.indices.updateAliases({
      actions: [
        { remove: { index: summary.index, alias, must_exist: true } },
        { add: { index: `${alias}-v1`, alias } },
      ],
    });
    const admin = await stack.kafkaAdmin();
    await admin.resetOffsets({
      groupId: config.projector.groupId,
      topic: config.kafka.topic,
      earliest: true,
    });
    app = await startReadyProjector(config);
    await stack.waitForGroupCaughtUp();

    expect(Object.keys(await stack.es.indices.getAlias({ name: alias }))).toEqual([previousIndex]);
    expect(await stack.documents()).toEqual(expectedDocuments([...before, ...afterSwap]));
  });
});
