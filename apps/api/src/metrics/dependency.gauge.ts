import { checkReadiness, READINESS_PROBES, type ReadinessProbe } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { ApiMetrics } from './api.metrics';

/**
 * `api_dependency_up{dependency}`: 1 when the readiness probe of that dependency (elasticsearch, read-model, redis)
 * passes, 0 when not, checked at scrape time with the probes' own deadlines. The signal of the
 * "Elasticsearch unavailable" alert, which a latency histogram cannot give: no traffic, no samples.
 */
@Injectable()
export class DependencyGauge {
  constructor(@Inject(READINESS_PROBES) probes: readonly ReadinessProbe[], metrics: ApiMetrics) {
    new Gauge({
      name: 'api_dependency_up',
      help: 'Whether the readiness probe of a dependency passes (1) or not (0), checked at scrape time',
      labelNames: ['dependency'],
      registers: [metrics.registry],
      async collect() {
        const report = await checkReadiness(probes);
        for (const [dependency, check] of Object.entries(report.checks)) {
          this.set({ dependency }, check.ok ? 1 : 0);
        }
      },
    });
  }
}
