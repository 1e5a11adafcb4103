import { ConfigError, loadApiConfig } from '@app/config';
import { asksForHelp, JsonLogger } from '@app/platform';
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
  let config;
  try {
    config = loadApiConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = new JsonLogger(config.logLevel, 'api');
  if (config.api.apiKeys.size === 0) {
    logger.event('warn', 'API_KEYS is not set: every caller may read every domain');
  }
  const app = await createApiApp(config, logger);
  await app.startAllMicroservices();
  await app.listen(config.api.port, '0.0.0.0');
  logger.event('info', 'api listening', { port: config.api.port, grpc_port: config.api.grpcPort });
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
