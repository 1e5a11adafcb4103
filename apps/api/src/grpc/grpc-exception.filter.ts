import { type ArgumentsHost, Catch, type RpcExceptionFilter } from '@nestjs/common';
import { Metadata, status as GrpcCode, type StatusObject } from '@grpc/grpc-js';
import { JsonLogger } from '@app/platform';
import { type Observable, throwError } from 'rxjs';
import { ClientClosedRequestError } from '../errors/api-error';
import { correlationIdOf } from './grpc-metadata.reader';
import { toGrpcStatus } from './grpc-status.mapper';

/**
 * Every failure of a gRPC handler leaves as a status with SpaceONE's "ERROR_CODE: message" details
 * and the correlation id in the trailers. Bound to the gRPC controller only: the HTTP filter
 * writes Express responses and must never see an RPC context.
 */
@Catch()
export class GrpcExceptionFilter implements RpcExceptionFilter<unknown> {
  constructor(private readonly logger: JsonLogger) {}

  catch(error: unknown, host: ArgumentsHost): Observable<never> {
    const rpc = host.switchToRpc();
    const metadata = rpc.getContext<Metadata | undefined>();
    const correlationId = correlationIdOf(metadata);
    const mapped = toGrpcStatus(error, correlationId);
    const context = { correlation_id: correlationId, rpc: rpcPath(host) };
    if (mapped.unexpected) {
      const e = error instanceof Error ? error : new Error(String(error));
      this.logger.event('error', e.message, { ...context, stack: e.stack });
    } else if (mapped.code === GrpcCode.UNAVAILABLE) {
      this.logger.event('warn', mapped.details, context);
    } else if (error instanceof ClientClosedRequestError) {
      // The client's choice, not a fault: the metrics count it, the log only says so at debug.
      this.logger.event('debug', mapped.details, context);
    }
    const trailers = new Metadata();
    trailers.set('x-request-id', correlationId);
    const status: Partial<StatusObject> = {
      code: mapped.code,
      details: mapped.details,
      metadata: trailers,
    };
    return throwError(() => status);
  }
}

/** "/spaceone.api.power_scheduler.v1.JobTask/list", from the grpc-js call Nest passes third. */
function rpcPath(host: ArgumentsHost): string | undefined {
  const call = host.getArgByIndex<{ getPath?: () => string } | undefined>(2);
  return typeof call?.getPath === 'function' ? call.getPath() : undefined;
}
