import type { ApiMetrics } from '../src/metrics/api.metrics';

/** The request statuses the metrics recorded, as "STATUS xN", for unit tests of what records them. */
export async function recordedStatuses(metrics: ApiMetrics): Promise<string[]> {
  return (await metrics.requestSeconds.get()).values
    .filter((v) => v.metricName === 'api_request_duration_seconds_count' && v.value > 0)
    .map((v) => `${String(v.labels.status)} x${v.value}`);
}

/** The rejected requests the metrics counted, as "CODE xN". */
export async function rejectedCodes(metrics: ApiMetrics): Promise<string[]> {
  return (await metrics.rejected.get()).values.map((v) => `${String(v.labels.code)} x${v.value}`);
}
