import type { ProjectorConfig } from '@app/config';
import { JsonLogger } from '@app/platform';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ProjectorModule } from '../src/projector.module';
import { RebuildCommand, type RebuildSummary } from '../src/rebuild/rebuild.command';
import type { RebuildProgress } from '../src/rebuild/rebuild-progress.reporter';
import { simulatedMessages } from './support/event-streams';
import { expectedDocuments } from './support/expected-documents';
import { isolatedConfig } from './support/projector-test.config';
import { startReadyProjector, stopProjector } from './support/projector.harness';
import { StackClients } from './support/stack.clients';

class RecordingProgress implements RebuildProgress {
  readonly phases: { phase: string; total: number; last: number }[] = [];
  begin(phase: string, total: number): void {
    this.phases.push({ phase, total, last: 0 });
  }
  update(done: number): void {
    const current = this.phases.at(-1);
    if (current) current.last = done;
  }
  end(): void {}
}

async function runRebuild(
  config: ProjectorConfig,
  progress: RebuildProgress,
): Promise<RebuildSummary> {
  const logger = new JsonLogger('warn', 'rebuild-under-test');
  const context = await NestFactory.createApplicationContext(
    ProjectorModule.register(config, logger, 'rebuild'),
    {
      logger,
    },
  );
  try {
    return await context.get(RebuildCommand).run(progress);
  } finally {
    await context.close();
  }
}

describe('rebuild into a new index version (real Kafka and Elasticsearch)', () => {
  let config: ProjectorConfig;
  let stack: StackClients;
  let app: INestApplication;

  beforeAll(async () => {
    config = isolatedConfig();
    stack = new StackClients(config);
    app = await startReadyProjector(config);
  });

  afterAll(async () => {
    await stopProjector(app, stack);
  });

  it('should replay into a new version, swap the alias and leave an identical read model', async () => {
    const messages = simulatedMessages(600, 21);
    await stack.produce(messages);
    await stack.waitForGroupCaughtUp();
    const before = await stack.documents();
    const progress = new RecordingProgress();

    const summary = await runRebuild(config, progress);

    const alias = config.elasticsearch.alias;
    expect(summary).toMatchObject({
      previousIndex: `${alias}-v1`,
      index: `${alias}-v2`,
      events: messages.length,
    });
    expect(Object.keys(await stack.es.indices.getAlias({ name: alias }))).toEqual([`${alias}-v2`]);
    expect(await stack.documents(`${alias}-v2`)).toEqual(before);
    expect(before).toEqual(expectedDocuments(messages));
    expect(progress.phases[0]).toEqual({
      phase: 'replay',
      total: messages.length,
      last: messages.length,
    });
    const settings = await stack.es.indices.getSettings({ index: `${alias}-v2` });
    expect(settings[`${alias}-v2`]?.settings?.index?.refresh_interval).toBe('1s');
  });

  it('should lose nothing the live projector applies while the rebuild runs (catch-up after the swap)', async () => {
    const first = simulatedMessages(400, 31);
    const during = simulatedMessages(400, 32);
    await stack.produce(first);
    await stack.waitForGroupCaughtUp();

    const producing = (async () => {
      for (let i = 0; i < during.length; i += 200) {
        await stack.produce(during.slice(i, i + 200));
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    const summary = await runRebuild(config, new RecordingProgress());
    await producing;
    await stack.waitForGroupCaughtUp();

    expect(summary.index).toBe(`${config.elasticsearch.alias}-v3`);
    const everything = [...simulatedMessages(600, 21), ...first, ...during];
    expect(await stack.documents()).toEqual(expectedDocuments(everything));
  });
});
