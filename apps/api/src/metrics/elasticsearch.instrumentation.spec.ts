import { errors, type Client } from '@elastic/elasticsearch';
import { EventEmitter } from 'node:events';
import { ApiMetrics } from './api.metrics';
import { instrumentElasticsearch } from './elasticsearch.instrumentation';

/** A client whose diagnostic events the test emits itself, as the Elasticsearch client's transport does. */
function stubClient(): { client: Client; diagnostic: EventEmitter } {
  const diagnostic = new EventEmitter();
  return { client: { diagnostic } as unknown as Client, diagnostic };
}

const event = (id: number) => ({ meta: { request: { id, params: { path: '/tasks/_search' } } } });

describe(instrumentElasticsearch.name, () => {
  it('should count an answered request as ok, an aborted one as aborted and a failed one as error', async () => {
    const metrics = new ApiMetrics();
    const { client, diagnostic } = stubClient();
    instrumentElasticsearch(client, metrics);

    const outcomes: [number, Error | null][] = [
      [1, null],
      [2, new errors.RequestAbortedError('Request aborted')],
      [3, new errors.ConnectionError('connect ECONNREFUSED')],
    ];
    for (const [id, error] of outcomes) {
      diagnostic.emit('request', null, event(id));
      diagnostic.emit('response', error, event(id));
    }

    const text = await metrics.registry.metrics();
    for (const outcome of ['ok', 'aborted', 'error']) {
      expect(text).toContain(
        `api_elasticsearch_request_duration_seconds_count{endpoint="_search",outcome="${outcome}"} 1`,
      );
    }
  });
});
