import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import { postText, type RunningApi, startApi } from './api-test-app';

const LIST = '/power_scheduler/v1/job-tasks/search';

/** Sends `request` as written to the API's port and resolves with everything it answers. */
function rawHttp(url: string, request: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(request));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

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

  it.each<[string, Record<string, string>, RegExp]>([
    [
      'a charset other than UTF-8',
      { 'content-type': 'application/json; charset=latin1' },
      /charset.*key = content-type, charset = latin1/,
    ],
    [
      'a gzip body that does not inflate',
      { 'content-encoding': 'gzip' },
      /could not be read.*reason = /,
    ],
    [
      'a brotli body that does not inflate',
      { 'content-encoding': 'br' },
      /could not be read.*reason = /,
    ],
    [
      'an unknown content encoding',
      { 'content-encoding': 'zstd-x' },
      /key = content-encoding, encoding = zstd-x/,
    ],
  ])('should answer %s with 400 naming it, not 500', async (_name, headers, message) => {
    const res = await postText(api, LIST, JSON.stringify({ domain_id: 'd' }), headers);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('ERROR_INVALID_PARAMETER');
    expect(body.error.message).toMatch(message);
  });

  it('should answer a POST without a body as an empty body, not as "a undefined"', async () => {
    // Raw: fetch would send content-length 0, which the JSON parser reads as {}; this sends no body.
    const answer = await rawHttp(
      api.url,
      `POST ${LIST} HTTP/1.1\r\nHost: api\r\nConnection: close\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain(
      '"message":"Parameter is invalid. (key = request, reason = the request must be a JSON object, and the body is empty)"',
    );
  });

  it('should read a gzip body that does inflate', async () => {
    const res = await fetch(`${api.url}${LIST}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync(JSON.stringify({ query: {} })),
    });
    expect(res.status).toBe(400);
    await expect(res.json()).resolves.toEqual({
      error: { code: 'ERROR_REQUIRED_PARAMETER', message: 'Required parameter. (key = domain_id)' },
    });
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
