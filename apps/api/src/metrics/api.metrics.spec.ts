import { ApiMetrics } from './api.metrics';

describe('ApiMetrics', () => {
  it('should expose every answer-cache result at zero before the first lookup', async () => {
    const metrics = new ApiMetrics();
    const text = await metrics.registry.metrics();
    for (const result of ['hit', 'miss', 'bypass'])
      expect(text).toContain(`api_cache_requests_total{result="${result}"} 0`);
  });

  it('should count a lookup under its result', async () => {
    const metrics = new ApiMetrics();
    metrics.recordCache('hit');
    expect(await metrics.registry.metrics()).toContain('api_cache_requests_total{result="hit"} 1');
  });
});
