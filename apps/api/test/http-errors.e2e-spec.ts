import { postText, type RunningApi, startApi } from './api-test-app';

const LIST = '/power_scheduler/v1/job-tasks/search';

describe('API error answers at the HTTP edge', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi({ MAX_BODY_BYTES: '2048' });
  });
  afterAll(async () => {
    await api.close();
  });

  it('should answer malformed JSON with 400 ERROR_INVALID_PARAMETER', async () => {
    const res = await postText(api, LIST, '{"domain_id": ');
    expect(res.status).toBe(400);
    await expect(res.json()).resolves.toEqual({
      error: { code: 'ERROR_INVALID_PARAMETER', message: 'The request body is not valid JSON.' },
    });
  });

  it('should answer an oversized body with 413 ERROR_PAYLOAD_TOO_LARGE', async () => {
    const res = await postText(
      api,
      LIST,
      JSON.stringify({ domain_id: 'd', pad: 'x'.repeat(5000) }),
    );
    expect(res.status).toBe(413);
    await expect(res.json()).resolves.toMatchObject({ error: { code: 'ERROR_PAYLOAD_TOO_LARGE' } });
  });

  it('should answer an unknown route with 404 in the same error format', async () => {
    const res = await fetch(`${api.url}/nope`);
    expect(res.status).toBe(404);
    await expect(res.json()).resolves.toMatchObject({ error: { code: 'ERROR_NOT_FOUND' } });
  });

  it('should echo a safe caller-supplied request id', async () => {
    const res = await fetch(`${api.url}/health`, { headers: { 'x-request-id': 'abc-123' } });
    expect(res.headers.get('x-request-id')).toBe('abc-123');
  });
});

describe('API keys', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi({ API_KEYS: 'reader-key-0123456789=domain-a' });
  });
  afterAll(async () => {
    await api.close();
  });

  it('should answer 401 without a key', async () => {
    const res = await postText(api, LIST, JSON.stringify({ domain_id: 'domain-a' }));
    expect(res.status).toBe(401);
    await expect(res.json()).resolves.toMatchObject({
      error: { code: 'ERROR_AUTHENTICATE_FAILURE' },
    });
  });

  it('should answer 401 for an unknown key', async () => {
    const res = await postText(api, LIST, JSON.stringify({ domain_id: 'domain-a' }), {
      authorization: 'Bearer wrong-key-0123456789',
    });
    expect(res.status).toBe(401);
  });

  it('should answer 403 when a valid key asks for another domain', async () => {
    const res = await postText(api, LIST, JSON.stringify({ domain_id: 'domain-b' }), {
      authorization: 'Bearer reader-key-0123456789',
    });
    expect(res.status).toBe(403);
    await expect(res.json()).resolves.toMatchObject({ error: { code: 'ERROR_PERMISSION_DENIED' } });
  });

  it('should keep health and readiness open without a key', async () => {
    expect((await fetch(`${api.url}/health`)).status).toBe(200);
  });
});
