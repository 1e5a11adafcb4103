import { type RunningApi, startApi } from './api-test-app';

describe('OpenAPI document and Swagger UI', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it('should serve the OpenAPI document with the list and stat routes', async () => {
    const res = await fetch(`${api.url}/docs/openapi.json`);
    expect(res.status).toBe(200);
    const document = (await res.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/power_scheduler/v1/job-tasks/search',
        '/power_scheduler/v1/job-tasks/stat',
      ]),
    );
  });

  it('should serve the Swagger UI page and every script and style it loads', async () => {
    const page = await fetch(`${api.url}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    const assets = [...html.matchAll(/(?:src|href)="(\.\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const asset of assets) {
      const res = await fetch(new URL(asset ?? '', `${api.url}/docs`));
      expect({ asset, status: res.status }).toEqual({ asset, status: 200 });
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('content-type')).toMatch(
        /^(text\/css|(text|application)\/javascript)/,
      );
      await res.arrayBuffer();
    }
  });
});
