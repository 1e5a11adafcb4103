import type { ApiConfig } from '@app/config';
import type { JsonLogger } from '@app/platform';
import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { json } from 'express';
import { identifyCaller } from '../auth/domain-access';
import { respondWithError } from '../errors/api-exception.filter';

/**
 * Bodies are JSON whatever their content type says (SpaceONE clients are not consistent about it),
 * capped at the configured size. Parser failures are answered here in the API's error format,
 * because they happen before Nest's exception filters can see the request.
 * With API keys configured, a request without a valid key is not read at all: the key guard answers
 * it 401 whatever its body (not 400 or 413 for a body it had no right to send), and nobody without a
 * key can make the API parse a megabyte of JSON. Routes without the guard (health, docs) take no body.
 */
export function installJsonBody(
  app: INestApplication,
  config: ApiConfig,
  logger: JsonLogger,
): void {
  const parse = json({ limit: config.api.maxBodyBytes, strict: false, type: () => true });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!hasValidKey(req, config)) return next();
    parse(req, res, next);
  });
  app.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (!error) return next();
    respondWithError(error, req, res, config, logger);
  });
}

function hasValidKey(req: Request, config: ApiConfig): boolean {
  try {
    identifyCaller(req.headersDistinct.authorization, config.api.apiKeys);
    return true;
  } catch {
    return false;
  }
}
