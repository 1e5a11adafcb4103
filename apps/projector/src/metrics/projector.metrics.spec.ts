import { ProjectorMetrics, type WindowGauges } from './projector.metrics';

describe(ProjectorMetrics.name, () => {
  it('should expose the cache counts since start as counters and the window as gauges, read at scrape time', async () => {
    const sut = new ProjectorMetrics();
    const live: WindowGauges = {
      dirtyDocs: 3,
      dirtyBytes: 4_096,
      cache: { docs: 10, bytes: 20_000, hits: 7, misses: 3 },
    };
    sut.watchWindow(() => live);

    const first = await sut.registry.metrics();
    live.cache.hits = 9;
    const second = await sut.registry.metrics();

    expect(first).toContain('# TYPE projector_cache_hits_total counter');
    expect(first).toContain('# TYPE projector_cache_misses_total counter');
    expect(first).toContain('# TYPE projector_window_dirty_documents gauge');
    expect(first).toMatch(/^projector_cache_hits_total 7$/m);
    expect(first).toMatch(/^projector_cache_hit_ratio 0\.7$/m);
    expect(second).toMatch(/^projector_cache_hits_total 9$/m);
    expect(second).toMatch(/^projector_cache_misses_total 3$/m);
  });
});
