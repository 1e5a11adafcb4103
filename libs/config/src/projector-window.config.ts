import { z } from 'zod';
import { bool, boundedInt, durationMs, positiveInt } from './env-parsers';

/*
 * The projector's write-behind window and task-state cache (docs/projector.md, "Write-behind window"). Kept apart
 * from the other projector settings so the block reads as one mechanism.
 */
export const projectorWindowEnv = z.object({
  /** Once caught up, dirty state is written at most this long after it was first dirtied (freshness). */
  PROJECTOR_FLUSH_INTERVAL_MS: durationMs(250),
  /** While behind, the window grows up to this age (and the memory bounds) before it is written. */
  PROJECTOR_FLUSH_MAX_INTERVAL_MS: durationMs(10_000),
  /**
   * A partition with unread messages counts as behind (and its window may grow to the bound above) only once its
   * newest fetched message is this old: steady traffic keeps the watermark ahead of every fetch without the
   * projector being behind.
   */
  PROJECTOR_BEHIND_AFTER_MS: durationMs(5_000),
  /**
   * …or once its unread messages would take this long to read at its recent read rate: a burst just produced is
   * young but long to read. It then stays behind until the rest would be read within one flush interval.
   */
  PROJECTOR_BEHIND_BACKLOG_MS: durationMs(1_000),
  /**
   * Finished tasks (a terminal event in the window) are written as soon as no flush is in flight, before the window
   * is due: no extra write, Elasticsearch kept busy during a catch-up, a task's end visible after one bulk.
   */
  PROJECTOR_FLUSH_FINISHED_EARLY: bool(true),
  /** The same bound for `projector rebuild`: nothing reads the new index yet, so it can be much larger. */
  PROJECTOR_REBUILD_FLUSH_MAX_INTERVAL_MS: durationMs(120_000),
  /** A window is written when it holds this many dirty documents… */
  PROJECTOR_FLUSH_MAX_DOCS: positiveInt(50_000),
  /** …or this many bytes of pending events (an estimate of their heap size). */
  PROJECTOR_FLUSH_MAX_BYTES: positiveInt(128 * 1024 * 1024),
  /** Clean documents kept between windows (LRU), so the next window needs no mget for them… */
  PROJECTOR_CACHE_MAX_DOCS: positiveInt(50_000),
  /** …and their total JSON size. */
  PROJECTOR_CACHE_MAX_BYTES: positiveInt(64 * 1024 * 1024),
  /** One bulk request carries at most this many bytes of documents (and PROJECTOR_MAX_BATCH_EVENTS documents). */
  PROJECTOR_BULK_MAX_BYTES: positiveInt(8 * 1024 * 1024),
  /**
   * Bulk requests of one window in flight at once. Each runs on its own Elasticsearch write thread, so more than one
   * lets Elasticsearch use more cores while the projector folds, or when it has nothing left to fold. Two by
   * default: never slower than one in alternated bench runs, faster with 10,000 tasks in flight (docs/performance.md, runs Q).
   */
  PROJECTOR_BULK_CONCURRENCY: boundedInt(1, 8, 2),
});

export function projectorWindow(e: z.output<typeof projectorWindowEnv>) {
  return {
    flushIntervalMs: e.PROJECTOR_FLUSH_INTERVAL_MS,
    flushMaxIntervalMs: e.PROJECTOR_FLUSH_MAX_INTERVAL_MS,
    behindAfterMs: e.PROJECTOR_BEHIND_AFTER_MS,
    behindBacklogMs: e.PROJECTOR_BEHIND_BACKLOG_MS,
    flushFinishedEarly: e.PROJECTOR_FLUSH_FINISHED_EARLY,
    rebuildFlushMaxIntervalMs: e.PROJECTOR_REBUILD_FLUSH_MAX_INTERVAL_MS,
    flushMaxDocs: e.PROJECTOR_FLUSH_MAX_DOCS,
    flushMaxBytes: e.PROJECTOR_FLUSH_MAX_BYTES,
    cacheMaxDocs: e.PROJECTOR_CACHE_MAX_DOCS,
    cacheMaxBytes: e.PROJECTOR_CACHE_MAX_BYTES,
    bulkMaxBytes: e.PROJECTOR_BULK_MAX_BYTES,
    bulkConcurrency: e.PROJECTOR_BULK_CONCURRENCY,
  };
}
export type ProjectorWindowConfig = ReturnType<typeof projectorWindow>;
