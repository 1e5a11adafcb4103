import { READ_MODEL_REFRESH_MS, RECENT_WRITE_WINDOW_MS } from './cache-coherence';
import { JOB_TASKS_SETTINGS } from './job-tasks.mapping';

describe('read model refresh and cache coherence', () => {
  it('should derive the recently-written window from the index refresh interval', () => {
    expect(JOB_TASKS_SETTINGS.refresh_interval).toBe(`${READ_MODEL_REFRESH_MS / 1000}s`);
    expect(RECENT_WRITE_WINDOW_MS).toBeGreaterThan(READ_MODEL_REFRESH_MS);
  });
});
