import type { ServerResponse } from 'node:http';

/**
 * A signal that aborts when the REST client goes away: the response closes before it was finished
 * (a finished response closes too, with `writableFinished` set). The request's own 'close' is no use
 * here: in current Node it fires as soon as the body has been read, with the client still waiting.
 *
 * Aborted without a reason of its own: undici rejects with the signal's reason as given, and the
 * Elasticsearch client turns any rejection that is not an AbortError into a ConnectionError (a 503).
 */
export function abortedWhenResponseCloses(res: ServerResponse): AbortSignal {
  const controller = new AbortController();
  // Gone before the handler ran (while a guard or the body parser waited): 'close' has been emitted.
  if (res.destroyed && !res.writableFinished) controller.abort();
  else res.once('close', () => !res.writableFinished && controller.abort());
  return controller.signal;
}
