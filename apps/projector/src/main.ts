import 'reflect-metadata';
import { ConfigError, loadProjectorConfig, type ProjectorConfig } from '@app/config';
import { JsonLogger } from '@app/platform';
import { ListenError, listenFor } from '@app/platform/cli/listen-error';
import { warnOfUnknownVariables } from '@app/platform/cli/unknown-variables.warning';
import { logProcessWarnings } from '@app/platform/logging/foreign-logs';
import { NestFactory } from '@nestjs/core';
import { ProjectorModule } from './projector.module';
import { AliasMovedError } from './elasticsearch/store.errors';
import { RebuildCommand } from './rebuild/rebuild.command';
import { RebuildConflictError, RebuildInterruptedError } from './rebuild/rebuild.errors';
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

/** Failures the operator acts on, said in one line; a rebuild's refusals lead with their stable code. */
function operatorMessage(error: unknown): string | null {
  if (error instanceof ConfigError || error instanceof ListenError) return error.message;
  const isRebuildOutcome =
    error instanceof RebuildConflictError ||
    error instanceof RebuildInterruptedError ||
    error instanceof AliasMovedError;
  return isRebuildOutcome ? `${error.code}: ${error.message}` : null;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  // Only an unexpected failure gets its stack.
  const stated = operatorMessage(error);
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`${stated ?? text}\n`);
  process.exit(1);
});
