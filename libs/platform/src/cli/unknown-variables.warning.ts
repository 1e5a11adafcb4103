import { unknownVariables } from '@app/config';
import type { JsonLogger } from '../logging/json-logger';

/** At start-up: a misspelt setting is ignored, so the operator is told which names were. */
export function warnOfUnknownVariables(
  logger: JsonLogger,
  env: NodeJS.ProcessEnv = process.env,
): void {
  const unknown = unknownVariables(env);
  if (unknown.length > 0)
    logger.event('warn', 'ignoring variables no app reads (misspelt?)', { variables: unknown });
}
