import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { ApiErrorCode } from '../errors/api-error';
import type { ApiMetrics } from './api.metrics';
import { rejectionCodeOf } from './rejection-code';
import { routeOfRequest } from './route-label.guard';

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

/** nginx's status for a request whose client closed the connection before the answer was sent. */
const CLIENT_CLOSED_STATUS = '499';
const CLIENT_CLOSED_CODE: ApiErrorCode = 'ERROR_CLIENT_CLOSED_REQUEST';

/**
 * Times every HTTP request at the Node server, below any framework, so the ones that never reach a handler (404,
 * a body refused by the parser) are counted too, under route "unmatched". Listening first on the server's
 * 'request' event starts the clock before the framework sees the request. A response that closes before it
 * finished (the client went away) never emits 'finish': it is recorded at 'close' as 499, whatever status had
 * been set for the answer nobody received.
 */
export function installHttpRequestMetrics(server: Server, metrics: ApiMetrics): void {
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    const stop = metrics.requestSeconds.startTimer();
    let recorded = false;
    const record = (status: string, code: string | undefined) => {
      if (recorded) return;
      recorded = true;
      stop({
        route: routeOfRequest.get(req) ?? 'unmatched',
        method: METHODS.has(req.method ?? '') ? req.method! : 'OTHER',
        status,
        transport: 'rest',
      });
      if (code !== undefined) metrics.recordRejected(code, 'rest');
    };
    res.once('finish', () => record(String(res.statusCode), rejectionCodeOf.get(res)));
    res.once('close', () => {
      if (!res.writableFinished) record(CLIENT_CLOSED_STATUS, CLIENT_CLOSED_CODE);
    });
  });
}
