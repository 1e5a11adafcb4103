import { Client } from '@elastic/elasticsearch';
import type { SharedConfig } from '@app/config';
import type { ReadinessProbe } from '../health/readiness-probe';

export function createElasticsearchClient(
  config: Omit<SharedConfig['elasticsearch'], 'readModel'>,
): Client {
  // Retries are ours to decide (the projector backs off per partition; the API answers 503), so the
  // client does not silently retry on its own.
  return new Client({ node: config.url, requestTimeout: config.requestTimeoutMs, maxRetries: 0 });
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
