import { stackDown, stackUp } from '@app/testing';
import { type RunningApi, startApi } from './api-test-app';
import { dropJobTasks, seedJobTasks } from './seed-index';

async function waitForStatus(url: string, status: number, timeoutMs: number): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(url);
    if (res.status === status || Date.now() > deadline) return res;
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe('API health and readiness', () => {
  let api: RunningApi;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => {
    await api.close();
    await dropJobTasks(api.config.elasticsearch.alias);
  });

  it('should be unready, and answer 503, until the projector has created the read model', async () => {
    const ready = await fetch(`${api.url}/ready`);
    expect(ready.status).toBe(503);
    await expect(ready.json()).resolves.toMatchObject({ failing: ['read-model'] });
    const list = await fetch(`${api.url}/power_scheduler/v1/job-tasks/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ domain_id: 'd1' }),
    });
    expect(list.status).toBe(503);
    await expect(list.json()).resolves.toMatchObject({ error: { code: 'ERROR_UNAVAILABLE' } });
    await seedJobTasks(api.config.elasticsearch.alias, []);
  });

  it('should report ready while Elasticsearch answers', async () => {
    const res = await fetch(`${api.url}/ready`);
    expect(res.status).toBe(200);
    await expect(res.json()).resolves.toMatchObject({ status: 'ready', failing: [] });
  });

  it('should turn 503 naming Elasticsearch while it is stopped, and 200 again once it is back', async () => {
    try {
      await stackDown('elasticsearch');
      const down = await waitForStatus(`${api.url}/ready`, 503, 30_000);
      expect(down.status).toBe(503);
      // The read model's probe fails with it; what matters is that Elasticsearch is named.
      const report = (await down.json()) as { status: string; failing: string[] };
      expect(report.status).toBe('unavailable');
      expect(report.failing).toContain('elasticsearch');
      const live = await fetch(`${api.url}/health`);
      expect(live.status).toBe(200);
    } finally {
      await stackUp('elasticsearch');
    }
    const back = await waitForStatus(`${api.url}/ready`, 200, 60_000);
    expect(back.status).toBe(200);
  });
});
