import { status as GrpcCode } from '@grpc/grpc-js';
import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { PATTERN_METADATA } from '@nestjs/microservices/constants';
import { type Observable, tap } from 'rxjs';
import type { ApiErrorCode } from '../errors/api-error';
import { type AbandonableCall, abandonedCallCode, toGrpcStatus } from '../grpc/grpc-status.mapper';
import { ApiMetrics } from './api.metrics';

const CLIENT_CLOSED_CODE: ApiErrorCode = 'ERROR_CLIENT_CLOSED_REQUEST';

/**
 * gRPC calls are timed here (REST at the HTTP server): route = "Service/method" as declared by @GrpcMethod. A call
 * its client abandoned (cancelled, deadline passed) is recorded as such however the handler ended: an answer
 * computed for nobody is not an OK.
 */
@Injectable()
export class GrpcRequestInterceptor implements NestInterceptor {
  constructor(private readonly metrics: ApiMetrics) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const [pattern] = (Reflect.getMetadata(PATTERN_METADATA, context.getHandler()) ?? []) as {
      service?: string;
      rpc?: string;
    }[];
    const route =
      pattern?.service && pattern.rpc
        ? `${pattern.service}/${pattern.rpc}`
        : context.getHandler().name;
    const stop = this.metrics.requestSeconds.startTimer({
      route,
      method: 'unary',
      transport: 'grpc',
    });
    const call = context.getArgByIndex<AbandonableCall | undefined>(2);
    const recordAbandoned = (): boolean => {
      const code = abandonedCallCode(call);
      if (code === undefined) return false;
      stop({ status: GrpcCode[code] });
      this.metrics.recordRejected(CLIENT_CLOSED_CODE, 'grpc');
      return true;
    };
    return next.handle().pipe(
      tap({
        next: () => {
          if (!recordAbandoned()) stop({ status: GrpcCode[GrpcCode.OK] });
        },
        error: (error: unknown) => {
          if (recordAbandoned()) return;
          const mapped = toGrpcStatus(error, '');
          stop({ status: GrpcCode[mapped.code] });
          // details are "<ERROR_CODE>: <message>"; only the code, a finite set, becomes a label.
          this.metrics.recordRejected(mapped.details.split(':')[0] ?? 'ERROR_UNKNOWN', 'grpc');
        },
      }),
    );
  }
}
