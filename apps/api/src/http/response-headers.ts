import type { INestApplication } from '@nestjs/common';
import type { Application, NextFunction, Request, Response } from 'express';
import type { Server } from 'node:http';
import { answerMalformedRequests } from './malformed-request.answer';

/**
 * Headers every HTTP answer carries, whatever route or error produced it.
 * - `Cache-Control: no-store`: an answer is one tenant's data at one moment. A proxy or browser that kept it
 *   could serve it after the data changed, or, keyed by URL alone, to another caller.
 * - `X-Content-Type-Options: nosniff`: a JSON body is never taken for HTML or a script.
 * - No `X-Powered-By`: it only tells a scanner which framework to try.
 * - No `ETag`: Express would hash every answer (sha1 of the whole body) for a tag no client of this API uses.
 * Requests too malformed to reach Express are answered with them too (malformed-request.answer.ts).
 */
const ANSWER_HEADERS = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

export function installResponseHeaders(app: INestApplication): void {
  const express = app.getHttpAdapter().getInstance() as Application;
  express.disable('x-powered-by');
  express.set('etag', false);
  app.use(answerHeadersMiddleware);
  answerMalformedRequests(app.getHttpServer() as Server, ANSWER_HEADERS);
}

function answerHeadersMiddleware(_req: Request, res: Response, next: NextFunction): void {
  for (const [name, value] of Object.entries(ANSWER_HEADERS)) res.setHeader(name, value);
  next();
}
