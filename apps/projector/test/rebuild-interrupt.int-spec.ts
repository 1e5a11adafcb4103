import { loadProjectorConfig, type ProjectorConfig } from '@app/config';
import { JsonLogger } from '@app/platform';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { setTimeout as sleep } from 'node:timers/promises';
import { ProjectorModule } from '../src/projector.module';
import { RebuildCommand } from '../src/rebuild/rebuild.command';
import { RebuildInterruptedError } from '../src/rebuild/rebuild.errors';
import { SILENT_PROGRESS, type RebuildProgress } from '../src/rebuild/rebuild-progress.reporter';
import { simulatedMessages } from './support/event-streams';
import { expectedDocuments } from './support/expected-documents';
import { isolatedConfig, isolatedEnv } from './support/projector-test.config';
import { startReadyProjector, stopProjector } from './support/projector.harness';
import { ProjectorProcess } from './support/projector.process';
import { StackClients } from './support/stack.clients';

describe('a rebuild stopped before its swap (real Kafka and Elasticsearch)', () => {
  let env: Record<string, string>;
  let config: ProjectorConfig;
  let stack: StackClients;
  let app: INestApplication;
  const messages = simulatedMessages(1_500, 71);

  beforeAll(async () => {
    env = isolatedEnv({ LOG_LEVEL: 'info' });
    config = loadProjectorConfig(env);
    stack = new StackClients(config);
    app = await startReadyProjector(isolatedConfig({ ...env, LOG_LEVEL: 'warn' }));
    await stack.produce(messages);
    await stack.waitForGroupCaughtUp();
  });

  afterAll(async () => {
    await stopProjector(app, stack);
  });

  async function rebuildState(index: string) {
    const admin = await stack.kafkaAdmin();
    const { groups } = await admin.listGroups();
    return {
      alias: Object.keys(await stack.es.indices.getAlias({ name: config.elasticsearch.alias })),
      indexExists: await stack.es.indices.exists({ index }),
      rebuildGroups: groups
        .map((g) => g.groupId)
        .filter((id) => id.startsWith(`${config.projector.groupId}.rebuild.`)),
    };
  }

  it('should delete its index and group and leave the alias when stopped in-process', async () => {
    const alias = config.elasticsearch.alias;
    const stop = new AbortController();
    const stopDuringReplay: RebuildProgress = {
      ...SILENT_PROGRESS,
      begin: (phase) => {
        if (phase === 'replay') setTimeout(() => stop.abort(), 200);
      },
    };
    const logger = new JsonLogger('error', 'rebuild-under-test');
    const context = await NestFactory.createApplicationContext(
      ProjectorModule.register(config, logger, 'rebuild'),
      { logger },
    );
    try {
      await expect(context.get(RebuildCommand).run(stopDuringReplay, stop.signal)).rejects.toThrow(
        RebuildInterruptedError,
      );
    } finally {
      await context.close();
    }

    expect(await rebuildState(`${alias}-v2`)).toEqual({
      alias: [`${alias}-v1`],
      indexExists: false,
      rebuildGroups: [],
    });
    expect(await stack.documents()).toEqual(expectedDocuments(messages));
  });

  it('should do the same on SIGTERM to the CLI, and the next rebuild should complete', async () => {
    const alias = config.elasticsearch.alias;
    const rebuild = await ProjectorProcess.start('rebuild', env, ['rebuild']);
    try {
      const until = Date.now() + 60_000;
      while (!rebuild.output.join('').includes('"rebuild started"') && Date.now() < until) {
        await sleep(50);
      }
      const started = /"rebuild started","index":"([^"]+)"/.exec(rebuild.output.join(''));
      expect(started?.[1]).toBeDefined();
      await sleep(300);
      rebuild.kill('SIGTERM');
      expect(await rebuild.exited).toBe(1);
      // One line the operator reads, led by the stable code, not a stack trace.
      expect(rebuild.output.join('')).toMatch(/^REBUILD\.INTERRUPTED: .+$/m);
      expect(rebuild.output.join('')).not.toMatch(/^\s+at /m);
      expect(await rebuildState(started?.[1] ?? '')).toEqual({
        alias: [`${alias}-v1`],
        indexExists: false,
        rebuildGroups: [],
      });
    } finally {
      await rebuild.stop();
    }

    const next = await ProjectorProcess.start('rebuild-again', env, ['rebuild']);
    try {
      expect(await next.exited).toBe(0);
    } finally {
      await next.stop();
    }
    expect(
      Object.keys(await stack.es.indices.getAlias({ name: config.elasticsearch.alias })),
    ).toHaveLength(1);
    expect(await stack.documents()).toEqual(expectedDocuments(messages));
  });

  it('should finish its catch-up when stopped after the swap, since leaving then would lose events', async () => {
    const stop = new AbortController();
    const stopAtCatchUp: RebuildProgress = {
      ...SILENT_PROGRESS,
      begin: (phase) => {
        if (phase === 'catch-up') stop.abort();
      },
    };
    const logger = new JsonLogger('error', 'rebuild-under-test');
    const context = await NestFactory.createApplicationContext(
      ProjectorModule.register(config, logger, 'rebuild'),
      { logger },
    );
    let summary;
    try {
      summary = await context.get(RebuildCommand).run(stopAtCatchUp, stop.signal);
    } finally {
      await context.close();
    }

    expect(await rebuildState(summary.index)).toEqual({
      alias: [summary.index],
      indexExists: true,
      rebuildGroups: [],
    });
    expect(await stack.documents()).toEqual(expectedDocuments(messages));
  });
});
