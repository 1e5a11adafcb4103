import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { ApiMetrics } from './api.metrics';
import { rejectionCodeOf } from './rejection-code';
import { routeOfRequest } from './route-label.guard';

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

/**
 * Times every HTTP request at the Node server, below any framework, so the ones that never reach a handler (404,
 * a body refused by the parser) are counted too, under route "unmatched". Listening first on the server's
 * 'request' event starts the clock before the framework sees the request.
 */
export function installHttpRequestMetrics(server: Server, metrics: ApiMetrics): void {
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    const stop = metrics.requestSeconds.startTimer();
    res.once('finish', () => {
      stop({
        route: routeOfRequest.get(req) ?? 'unmatched',
        method: METHODS.has(req.method ?? '') ? req.method! : 'OTHER',
        status: String(res.statusCode),
        transport: 'rest',
      });
      const code = rejectionCodeOf.get(res);
      if (code !== undefined) metrics.recordRejected(code, 'rest');
    });
  });
}
