import { Client, SniffingTransport, type TransportOptions } from '@elastic/elasticsearch';
import type { SharedConfig } from '@app/config';
import type { ReadinessProbe } from '../health/readiness-probe';

/**
 * The client's own transport without its OpenTelemetry span per request: nothing here registers a tracer, yet the
 * span (a no-op one) and its attributes were still built for every request (docs/performance.md, "The request path"). The client
 * passes its transport a fixed option set, so the option is added here.
 */
class UntracedTransport extends SniffingTransport {
  constructor(options: TransportOptions) {
    super({ ...options, openTelemetry: { enabled: false } });
  }
}

export function createElasticsearchClient(
  config: Omit<SharedConfig['elasticsearch'], 'readModel'>,
): Client {
  // Retries are ours to decide (the projector backs off per partition; the API answers 503), so the
  // client does not silently retry on its own.
  return new Client({
    node: config.url,
    requestTimeout: config.requestTimeoutMs,
    maxRetries: 0,
    Transport: UntracedTransport,
  });
}

/** The distribution has no `GET /` (no rest-root module), so health is asked of the cluster. */
export function elasticsearchProbe(client: Client): ReadinessProbe {
  return {
    name: 'elasticsearch',
    critical: true,
    check: async () => {
      const health = await client.cluster.health({ timeout: '1s' }, { requestTimeout: 1_500 });
      if (health.status === 'red') throw new Error('cluster status is red');
    },
  };
}

/** The alias the app reads must exist; until the projector has created it there is nothing to serve. */
export function readModelProbe(client: Client, alias: string): ReadinessProbe {
  return {
    name: 'read-model',
    critical: true,
    check: async () => {
      const exists = await client.indices.existsAlias({ name: alias }, { requestTimeout: 1_500 });
      if (!exists)
        throw new Error(`alias "${alias}" does not exist yet (the projector creates it)`);
    },
  };
}
