import { stackDown, stackUp } from '@app/testing';
import { type RunningApi, startApi } from './api-test-app';

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
      await expect(down.json()).resolves.toMatchObject({
        status: 'unavailable',
        failing: ['elasticsearch'],
      });
      const live = await fetch(`${api.url}/health`);
      expect(live.status).toBe(200);
    } finally {
      await stackUp('elasticsearch');
    }
    const back = await waitForStatus(`${api.url}/ready`, 200, 60_000);
    expect(back.status).toBe(200);
  });
});
