import { type ArgumentsHost, Catch, type ExceptionFilter, Inject } from '@nestjs/common';
import type { ApiConfig } from '@app/config';
import { JsonLogger } from '@app/platform';
import type { Request, Response } from 'express';
import { API_CONFIG } from '../api.tokens';
import { correlationIdOf } from '../http/correlation-id';
import { noteRejection } from '../metrics/rejection-code';
import { mapError } from './error-response';

@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly logger: JsonLogger,
  ) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    respondWithError(
      error,
      http.getRequest<Request>(),
      http.getResponse<Response>(),
      this.config,
      this.logger,
    );
  }
}

export function respondWithError(
  error: unknown,
  req: Request,
  res: Response,
  config: ApiConfig,
  logger: JsonLogger,
): void {
  const correlationId = correlationIdOf(req);
  const mapped = mapError(error, correlationId, config.api.maxBodyBytes);
  if (mapped.unexpected) {
    const e = error instanceof Error ? error : new Error(String(error));
    logger.event('error', e.message, {
      correlation_id: correlationId,
      path: req.path,
      stack: e.stack,
    });
  } else if (mapped.status === 503) {
    logger.event('warn', mapped.body.error.message, {
      correlation_id: correlationId,
      path: req.path,
    });
  } else if (mapped.status === 499) {
    // The client's choice, not a fault: the metrics count it, the log only says so at debug.
    logger.event('debug', mapped.body.error.message, {
      correlation_id: correlationId,
      path: req.path,
    });
  }
  // A client that has gone has nobody to answer: writing would only fail on the closed socket. The
  // HTTP metrics record such a request as 499 when its response closes.
  if (res.headersSent || res.destroyed) return;
  noteRejection(res, mapped.body.error.code);
  res.status(mapped.status).json(mapped.body);
}
