import type { ProjectorConfig } from '@app/config';
import { JsonLogger } from '@app/platform';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { JobTasksIndexManager } from '../src/elasticsearch/job-tasks-index.manager';
import { AliasMovedError } from '../src/elasticsearch/store.errors';
import { ProjectorModule } from '../src/projector.module';
import { RebuildCommand, type RebuildSummary } from '../src/rebuild/rebuild.command';
import { SILENT_PROGRESS, type RebuildProgress } from '../src/rebuild/rebuild-progress.reporter';
import { simulatedMessages } from './support/event-streams';
import { expectedDocuments } from './support/expected-documents';
import { isolatedConfig } from './support/projector-test.config';
import { startReadyProjector, stopProjector } from './support/projector.harness';
import { StackClients } from './support/stack.clients';

async function withRebuildContext<T>(
  config: ProjectorConfig,
  use: (context: { command: RebuildCommand; indices: JobTasksIndexManager }) => Promise<T>,
): Promise<T> {
  const logger = new JsonLogger('error', 'rebuild-under-test');
  const context = await NestFactory.createApplicationContext(
    ProjectorModule.register(config, logger, 'rebuild'),
    { logger },
  );
  try {
    return await use({
      command: context.get(RebuildCommand),
      indices: context.get(JobTasksIndexManager),
    });
  } finally {
    await context.close();
  }
}

function runRebuild(config: ProjectorConfig, progress: RebuildProgress): Promise<RebuildSummary> {
  return withRebuildContext(config, ({ command }) => command.run(progress));
}

describe('rebuild races on the alias (real Kafka and Elasticsearch)', () => {
  let config: ProjectorConfig;
  let stack: StackClients;
  let app: INestApplication;
  const messages = simulatedMessages(300, 41);

  // Each test gets its own topic and alias: a swap that goes wrong must not leave the next test a split alias.
  beforeEach(async () => {
    config = isolatedConfig();
    stack = new StackClients(config);
    app = await startReadyProjector(config);
    await stack.produce(messages);
    await stack.waitForGroupCaughtUp();
  });

  afterEach(async () => {
    await stopProjector(app, stack);
  });

  async function aliasTargets(): Promise<string[]> {
    return Object.keys(await stack.es.indices.getAlias({ name: config.elasticsearch.alias }));
  }

  it('should refuse a swap from an index the alias left, and leave the alias where it is', async () => {
    const alias = config.elasticsearch.alias;
    const [live] = await aliasTargets();
    await withRebuildContext(config, async ({ indices }) => {
      await indices.createIndex(`${alias}-v50`);
      await indices.createIndex(`${alias}-v51`);
      await indices.swapAlias(live ?? null, `${alias}-v50`);

      // Elasticsearch answers 200 to a remove that finds nothing and still applies the add.
      await expect(indices.swapAlias(live ?? null, `${alias}-v51`)).rejects.toThrow(
        AliasMovedError,
      );
      expect(await aliasTargets()).toEqual([`${alias}-v50`]);
    });
  });

  it('should end with the alias on exactly one complete index when two rebuilds run at once', async () => {
    let secondStarted: Promise<RebuildSummary> | null = null;
    const startSecondOnceFirstHasItsIndex: RebuildProgress = {
      ...SILENT_PROGRESS,
      begin: () => {
        secondStarted ??= runRebuild(config, SILENT_PROGRESS);
      },
    };

    const first = await runRebuild(config, startSecondOnceFirstHasItsIndex).then(
      (summary) => ({ ok: true as const, summary }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    expect(secondStarted).not.toBeNull();
    const second = await (secondStarted as unknown as Promise<RebuildSummary>).then(
      (summary) => ({ ok: true as const, summary }),
      (error: unknown) => ({ ok: false as const, error }),
    );

    const outcomes = [first, second];
    const swapped = outcomes.filter((o) => o.ok);
    const refused = outcomes.filter((o) => !o.ok);
    expect(swapped).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]?.ok === false && refused[0].error).toBeInstanceOf(AliasMovedError);
    const winner = swapped[0]?.ok === true ? swapped[0].summary.index : null;
    expect(await aliasTargets()).toEqual([winner]);
    expect(await stack.documents()).toEqual(expectedDocuments(messages));
  });
});
