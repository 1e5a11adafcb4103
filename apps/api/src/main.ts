import { ConfigError, loadApiConfig } from '@app/config';
import { JsonLogger } from '@app/platform';
import { createApiApp } from './api.app';

async function main(): Promise<void> {
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

void main();
