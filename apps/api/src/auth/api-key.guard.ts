import {
  type CanActivate,
  createParamDecorator,
  type ExecutionContext,
  Inject,
  Injectable,
} from '@nestjs/common';
import type { ApiConfig } from '@app/config';
import type { Request } from 'express';
import { API_CONFIG } from '../api.tokens';
import { type Caller, identifyCaller } from './domain-access';

type RequestWithCaller = Request & { caller?: Caller };

/** Authenticates the bearer key (401); which domains it may read is checked once the body names one. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(@Inject(API_CONFIG) private readonly config: ApiConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<RequestWithCaller>();
    // Node keeps only the first of repeated `authorization` headers in `headers`; `headersDistinct` has them all.
    req.caller = identifyCaller(req.headersDistinct.authorization, this.config.api.apiKeys);
    return true;
  }
}

export const CurrentCaller = createParamDecorator(
  (_: unknown, context: ExecutionContext): Caller => {
    const caller = context.switchToHttp().getRequest<RequestWithCaller>().caller;
    if (!caller) throw new Error('ApiKeyGuard must run before @CurrentCaller()');
    return caller;
  },
);
