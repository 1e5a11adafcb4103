import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import type { IncomingMessage } from 'node:http';
import { matchedTemplate, routeTemplates } from './route-template';

/** Route templates by raw request, read back when the response finishes (see http-request.metrics.ts). */
export const routeOfRequest = new WeakMap<IncomingMessage, string>();

/**
 * A global guard that only labels: global guards run before any controller's guards, so the route is known even
 * for requests an API-key guard refuses. It works with any HTTP adapter: Express hands Nest the Node request
 * itself, Fastify a wrapper whose `raw` is it.
 */
@Injectable()
export class RouteLabelGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<IncomingMessage | { raw: IncomingMessage }>();
    const raw = 'raw' in request ? request.raw : request;
    const templates = routeTemplates(
      Reflect.getMetadata(PATH_METADATA, context.getClass()) as string | string[] | undefined,
      Reflect.getMetadata(PATH_METADATA, context.getHandler()) as string | string[] | undefined,
    );
    routeOfRequest.set(raw, matchedTemplate(templates, raw.url ?? ''));
    return true;
  }
}
