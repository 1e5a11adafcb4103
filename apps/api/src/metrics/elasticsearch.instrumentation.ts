import type { Client } from '@elastic/elasticsearch';
import type { ApiMetrics } from './api.metrics';

/** "_search", "_pit", "_cluster", … from a request path; index and alias names are configuration, not labels. */
export function endpointOf(path: string): string {
  return path.split('/').find((segment) => segment.startsWith('_')) ?? 'document';
}

/**
 * Times every request the client makes through its diagnostic events, so no repository changes: the clock starts
 * when the request is sent and stops at the response, successful or not. Keyed by the client's own request id.
 */
export function instrumentElasticsearch(client: Client, metrics: ApiMetrics): Client {
  const started = new Map<unknown, ReturnType<ApiMetrics['elasticsearchSeconds']['startTimer']>>();
  client.diagnostic.on('request', (_error, event) => {
    if (event) started.set(event.meta.request.id, metrics.elasticsearchSeconds.startTimer());
  });
  client.diagnostic.on('response', (error, event) => {
    if (!event) return;
    const stop = started.get(event.meta.request.id);
    if (stop === undefined) return;
    started.delete(event.meta.request.id);
    stop({
      endpoint: endpointOf(event.meta.request.params.path),
      outcome: outcomeOf(error),
    });
  });
  return client;
}

/** An aborted request is a caller who went away (ClientClosedRequestError), not Elasticsearch failing. */
function outcomeOf(error: Error | null): 'ok' | 'aborted' | 'error' {
  if (error === null) return 'ok';
  return error.name === 'RequestAbortedError' ? 'aborted' : 'error';
}
