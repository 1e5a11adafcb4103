import { DLQ_REASONS } from '@app/domain';
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

  // rate() over a series that first appears at 5 sees no increase: a burst of a new reason must start from a 0.
  it('should expose every dead-letter reason and retry kind at 0 before the first one', async () => {
    const sut = new ProjectorMetrics();

    const text = await sut.registry.metrics();

    for (const reason of DLQ_REASONS)
      expect(text).toContain(`projector_messages_dead_lettered_total{reason="${reason}"} 0`);
    for (const kind of ['version_conflict', 'transient', 'isolate'])
      expect(text).toContain(`projector_retries_total{kind="${kind}"} 0`);
  });
});
