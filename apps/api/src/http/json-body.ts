import type { ApiConfig } from '@app/config';
import type { JsonLogger } from '@app/platform';
import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { json } from 'express';
import { respondWithError } from '../errors/api-exception.filter';

/**
 * Bodies are JSON whatever their content type says (SpaceONE clients are not consistent about it),
 * capped at the configured size. Parser failures are answered here in the API's error format,
 * because they happen before Nest's exception filters can see the request.
 */
export function installJsonBody(
  app: INestApplication,
  config: ApiConfig,
  logger: JsonLogger,
): void {
  app.use(json({ limit: config.api.maxBodyBytes, strict: false, type: () => true }));
  app.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (!error) return next();
    respondWithError(error, req, res, config, logger);
  });
}
