import 'reflect-metadata';
import { ConfigError, loadProjectorConfig, type ProjectorConfig } from '@app/config';
import { JsonLogger } from '@app/platform';
import { ListenError, listenFor } from '@app/platform/cli/listen-error';
import { warnOfUnknownVariables } from '@app/platform/cli/unknown-variables.warning';
import { logProcessWarnings } from '@app/platform/logging/foreign-logs';
import { NestFactory } from '@nestjs/core';
import { ProjectorModule } from './projector.module';
import { RebuildCommand } from './rebuild/rebuild.command';
import { limitHeapGrowth } from './startup/heap-growth.limit';
import { CliRebuildProgress } from './rebuild/rebuild-progress.reporter';
import { parseProjectorArgs, PROJECTOR_USAGE } from './startup/projector-args';

export async function serve(config: ProjectorConfig, logger: JsonLogger): Promise<void> {
  const app = await NestFactory.create(ProjectorModule.register(config, logger, 'serve'), {
    logger,
  });
  app.enableShutdownHooks();
  const { port } = config.projector;
  await listenFor('PROJECTOR_PORT', port, () => app.listen(port, '0.0.0.0'));
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
  const config = loadProjectorConfig();
  limitHeapGrowth(config.projector.heapGrowingPercent);
  const logger = new JsonLogger(config.logLevel, 'projector');
  logProcessWarnings(logger);
  warnOfUnknownVariables(logger);
  return args.command === 'rebuild' ? rebuild(config, logger) : serve(config, logger);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  // What the operator must fix is said in one message; only an unexpected failure gets its stack.
  const expected = error instanceof ConfigError || error instanceof ListenError;
  process.stderr.write(
    `${error instanceof Error ? (expected ? error.message : (error.stack ?? error.message)) : String(error)}\n`,
  );
  process.exit(1);
});
