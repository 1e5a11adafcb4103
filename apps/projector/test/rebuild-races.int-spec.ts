import type { ProjectorConfig } from '@app/config';
import { JsonLogger } from '@app/platform';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { JobTasksIndexManager } from '../src/elasticsearch/job-tasks-index.manager';
import { AliasMovedError } from '../src/elasticsearch/store.errors';
import { ProjectorModule } from '../src/projector.module';
import { RebuildCommand, type RebuildSummary } from '../src/rebuild/rebuild.command';
import { RebuildConflictError } from '../src/rebuild/rebuild.errors';
import { rebuildGroupId } from '../src/rebuild/rebuild-target.plan';
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

describe('rebuild races: the alias and a second rebuild (real Kafka and Elasticsearch)', () => {
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

  async function versionedIndices(): Promise<string[]> {
    const response = await stack.es.indices.get({ index: `${config.elasticsearch.alias}-v*` });
    return Object.keys(response).sort();
  }

  it("should refuse a second rebuild started during the first one's replay, creating nothing", async () => {
    const [live] = await aliasTargets();
    let second: Promise<RebuildSummary> | null = null;
    const startSecondDuringReplay: RebuildProgress = {
      ...SILENT_PROGRESS,
      begin: (phase) => {
        if (phase === 'replay') second ??= runRebuild(config, SILENT_PROGRESS);
      },
    };

    const first = await runRebuild(config, startSecondDuringReplay);
    expect(second).not.toBeNull();
    const refusal = await (second as unknown as Promise<RebuildSummary>).then(
      () => null,
      (error: unknown) => error,
    );

    expect(refusal).toBeInstanceOf(RebuildConflictError);
    expect((refusal as RebuildConflictError).code).toBe('REBUILD.ALREADY_RUNNING');
    expect(first.previousIndex).toBe(live);
    expect(await aliasTargets()).toEqual([first.index]);
    expect(await versionedIndices()).toEqual([live, first.index].sort());
    expect(await stack.documents()).toEqual(expectedDocuments(messages));
  });

  // A catch-up lasts as long as the events produced during the replay take, too short to race reliably; a member
  // in the live index's rebuild group is exactly what a rebuild in its catch-up looks like from outside.
  it('should refuse a rebuild while a rebuild group of the live index has members (a catch-up)', async () => {
    const [live] = await aliasTargets();
    const catchingUp = stack.kafka.consumer({
      groupId: rebuildGroupId(config.projector.groupId, live ?? ''),
    });
    await catchingUp.connect();
    await catchingUp.subscribe({ topic: config.kafka.topic });
    await catchingUp.run({ eachMessage: () => Promise.resolve() });
    try {
      const refusal = await runRebuild(config, SILENT_PROGRESS).then(
        () => null,
        (error: unknown) => error,
      );

      expect(refusal).toBeInstanceOf(RebuildConflictError);
      expect((refusal as RebuildConflictError).code).toBe('REBUILD.ALREADY_RUNNING');
      expect((refusal as Error).message).toContain(`rebuild.${live ?? ''}`);
      expect(await versionedIndices()).toEqual([live]);
      expect(await aliasTargets()).toEqual([live]);
    } finally {
      await catchingUp.disconnect();
    }
  });

  /** Runs a rebuild whose listing of the indices first lets another rebuild swap the alias to `<alias>-v2`. */
  async function rebuildRacedBySwap(): Promise<unknown> {
    return withRebuildContext(config, async ({ command, indices }) => {
      const [live] = await aliasTargets();
      const other = `${config.elasticsearch.alias}-v2`;
      const list = indices.versionedIndices.bind(indices);
      jest.spyOn(indices, 'versionedIndices').mockImplementationOnce(async () => {
        await indices.createIndex(other);
        await indices.swapAlias(live ?? null, other);
        return list();
      });
      return command.run(SILENT_PROGRESS).then(
        () => null,
        (error: unknown) => error,
      );
    });
  }

  it('should refuse a rebuild when another one swapped between its alias read and its listing, and is catching up', async () => {
    const other = `${config.elasticsearch.alias}-v2`;
    const catchingUp = stack.kafka.consumer({
      groupId: rebuildGroupId(config.projector.groupId, other),
    });
    await catchingUp.connect();
    await catchingUp.subscribe({ topic: config.kafka.topic });
    await catchingUp.run({ eachMessage: () => Promise.resolve() });
    try {
      const refusal = await rebuildRacedBySwap();

      expect(refusal).toBeInstanceOf(RebuildConflictError);
      expect((refusal as RebuildConflictError).code).toBe('REBUILD.ALREADY_RUNNING');
      expect((refusal as Error).message).toContain(`rebuild.${other}`);
      expect(await aliasTargets()).toEqual([other]);
      expect(await versionedIndices()).toEqual([`${config.elasticsearch.alias}-v1`, other]);
    } finally {
      await catchingUp.disconnect();
    }
  });

  it('should refuse, deleting its own index, a rebuild whose alias another one moved and finished with before its checks', async () => {
    const alias = config.elasticsearch.alias;

    const refusal = await rebuildRacedBySwap();

    expect(refusal).toBeInstanceOf(RebuildConflictError);
    expect((refusal as RebuildConflictError).code).toBe('REBUILD.ALREADY_RUNNING');
    expect((refusal as Error).message).toContain(`swapped the alias to ${alias}-v2`);
    expect(await aliasTargets()).toEqual([`${alias}-v2`]);
    expect(await versionedIndices()).toEqual([`${alias}-v1`, `${alias}-v2`]);
  });

  it('should refuse to start beside the index of a rebuild killed before its swap, until it is deleted', async () => {
    const alias = config.elasticsearch.alias;
    const [live] = await aliasTargets();
    const killed = `${alias}-v7`;
    await withRebuildContext(config, ({ indices }) =>
      indices.createIndex(killed, { refreshInterval: '-1' }),
    );

    const refusal = await runRebuild(config, SILENT_PROGRESS).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(RebuildConflictError);
    expect((refusal as RebuildConflictError).code).toBe('REBUILD.UNSWAPPED_INDEX');
    expect((refusal as Error).message).toContain(killed);
    expect(await versionedIndices()).toEqual([live, killed].sort());

    await stack.es.indices.delete({ index: killed });
    const rebuilt = await runRebuild(config, SILENT_PROGRESS);
    expect(rebuilt.index).toBe(`${alias}-v2`);
    expect(await aliasTargets()).toEqual([rebuilt.index]);
    expect(await stack.documents()).toEqual(expectedDocuments(messages));
  });

  it('should not be stopped by the newer index a rollback left behind', async () => {
    const alias = config.elasticsearch.alias;
    const rolledBackFrom = `${alias}-v4`;
    await withRebuildContext(config, ({ indices }) => indices.createIndex(rolledBackFrom));

    const rebuilt = await runRebuild(config, SILENT_PROGRESS);

    expect(rebuilt.index).toBe(`${alias}-v5`);
    expect(await aliasTargets()).toEqual([rebuilt.index]);
    expect(await stack.documents()).toEqual(expectedDocuments(messages));
  });
});
