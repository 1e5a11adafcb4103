import 'reflect-metadata';
import { ConfigError, loadProjectorConfig, type ProjectorConfig } from '@app/config';
import { JsonLogger } from '@app/platform';
import { NestFactory } from '@nestjs/core';
import { ProjectorModule } from './projector.module';
import { RebuildCommand } from './rebuild/rebuild.command';
import { limitHeapGrowth } from './startup/heap-growth.limit';
import { CliRebuildProgress } from './rebuild/rebuild-progress.reporter';
import { parseProjectorArgs, PROJECTOR_USAGE } from './startup/projector-args';

function loadConfigOrExit(): ProjectorConfig {
  try {
    return loadProjectorConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

export async function serve(config: ProjectorConfig, logger: JsonLogger): Promise<void> {
  const app = await NestFactory.create(ProjectorModule.register(config, logger, 'serve'), {
    logger,
  });
  app.enableShutdownHooks();
  await app.listen(config.projector.port, '0.0.0.0');
  logger.event('info', 'projector listening', {
    port: config.projector.port,
    topic: config.kafka.topic,
    groupId: config.projector.groupId,
    alias: config.elasticsearch.alias,
  });
}

export async function rebuild(config: ProjectorConfig, logger: JsonLogger): Promise<void> {
  const context = await NestFactory.createApplicationContext(
    ProjectorModule.register(config, logger, 'rebuild'),
    { logger },
  );
  // Ctrl-C or SIGTERM stops a rebuild cleanly (see RebuildCommand.run); a second one exits at once.
  const stop = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stop.signal.aborted) process.exit(130);
    logger.event('warn', 'rebuild stopping', { signal });
    stop.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    await context.get(RebuildCommand).run(new CliRebuildProgress(), stop.signal);
  } finally {
    await context.close();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

async function main(argv: readonly string[]): Promise<void> {
  const args = parseProjectorArgs(argv);
  if (args.kind === 'help') {
    process.stdout.write(`${PROJECTOR_USAGE}\n`);
    return;
  }
  if (args.kind === 'bad') {
    process.stderr.write(`${args.message}\n${PROJECTOR_USAGE}\n`);
    process.exit(2);
  }
  const config = loadConfigOrExit();
  limitHeapGrowth(config.projector.heapGrowingPercent);
  const logger = new JsonLogger(config.logLevel, 'projector');
  return args.command === 'rebuild' ? rebuild(config, logger) : serve(config, logger);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
