import type { INestApplication } from '@nestjs/common';
import type { Application, NextFunction, Request, Response } from 'express';

/**
 * Headers every HTTP answer carries, whatever route or error produced it.
 * - `Cache-Control: no-store`: an answer is one tenant's data at one moment. A proxy or browser that kept it
 *   could serve it after the data changed, or, keyed by URL alone, to another caller.
 * - `X-Content-Type-Options: nosniff`: a JSON body is never taken for HTML or a script.
 * - No `X-Powered-By`: it only tells a scanner which framework to try.
 * - No `ETag`: Express would hash every answer (sha1 of the whole body) for a tag no client of this API uses.
 */
export function installResponseHeaders(app: INestApplication): void {
  const express = app.getHttpAdapter().getInstance() as Application;
  express.disable('x-powered-by');
  express.set('etag', false);
  app.use(answerHeadersMiddleware);
}

function answerHeadersMiddleware(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('cache-control', 'no-store');
  res.setHeader('x-content-type-options', 'nosniff');
  next();
}
