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
    routeOfRequest.set(
      raw,
      matchedTemplate(templatesOf(context.getClass(), context.getHandler()), raw.url ?? ''),
    );
    return true;
  }
}

// Route metadata is fixed once the app is built: read and joined once per handler, not on every request. Keyed by
// class, then handler, because a handler inherited by another controller has that controller's paths.
const templatesByClass = new WeakMap<object, WeakMap<object, string[]>>();

function templatesOf(controller: object, handler: object): string[] {
  let byHandler = templatesByClass.get(controller);
  if (byHandler === undefined) {
    byHandler = new WeakMap();
    templatesByClass.set(controller, byHandler);
  }
  let templates = byHandler.get(handler);
  if (templates === undefined) {
    templates = routeTemplates(
      Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined,
      Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined,
    );
    byHandler.set(handler, templates);
  }
  return templates;
}
