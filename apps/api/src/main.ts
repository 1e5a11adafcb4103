import { ConfigError, loadApiConfig } from '@app/config';
import { asksForHelp, JsonLogger } from '@app/platform';
import { ListenError, listenFor } from '@app/platform/cli/listen-error';
import { warnOfUnknownVariables } from '@app/platform/cli/unknown-variables.warning';
import { grpcJsLogger, logProcessWarnings } from '@app/platform/logging/foreign-logs';
import { setLogger } from '@grpc/grpc-js';
import { createApiApp } from './api.app';

const USAGE = `usage: api
  serves list and stat over HTTP (API_PORT) and gRPC (API_GRPC_PORT); it takes no arguments.
Every setting comes from the environment (.env.example lists them).`;

async function main(argv: readonly string[]): Promise<void> {
  if (asksForHelp(argv)) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (argv.length > 0) {
    process.stderr.write(`unexpected argument ${JSON.stringify(argv[0])}\n${USAGE}\n`);
    process.exit(2);
  }
  const config = loadApiConfig();
  const logger = new JsonLogger(config.logLevel, 'api');
  logProcessWarnings(logger);
  setLogger(grpcJsLogger(logger));
  warnOfUnknownVariables(logger);
  if (config.api.apiKeys.size === 0) {
    logger.event('warn', 'API_KEYS is not set: every caller may read every domain');
  }
  const app = await createApiApp(config, logger);
  await listenFor('API_GRPC_PORT', config.api.grpcPort, () => app.startAllMicroservices());
  await listenFor('API_PORT', config.api.port, () => app.listen(config.api.port, '0.0.0.0'));
  logger.event('info', 'api listening', { port: config.api.port, grpc_port: config.api.grpcPort });
}

main(process.argv.slice(2)).catch((error: unknown) => {
  // What the operator must fix is said in one message; only an unexpected failure gets its stack.
  const expected = error instanceof ConfigError || error instanceof ListenError;
  process.stderr.write(
    `${error instanceof Error ? (expected ? error.message : (error.stack ?? error.message)) : String(error)}\n`,
  );
  process.exit(1);
});
