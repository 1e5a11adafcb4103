import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import { postText, type RunningApi, startApi } from './api-test-app';
import { aJobTask, dropJobTasks, seedJobTasks } from './seed-index';

const LIST = '/power_scheduler/v1/job-tasks/search';

/**
 * Sends `request` as written to the API's port and resolves with everything it answers until it closes
 * (send `Connection: close`). The socket is not half-closed: a request still running when it is gets no answer.
 */
function rawHttp(url: string, request: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(request));
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

  it.each([
    [
      'headers over the size limit',
      `GET /health HTTP/1.1\r\nHost: api\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      /The request headers exceed \d+ bytes\./,
    ],
    ['a broken request line', 'NOT-HTTP\r\n\r\n', /not valid HTTP\/1\.1\. \(reason = HPE_/],
    [
      'a header name with a space',
      'GET /health HTTP/1.1\r\nHost: api\r\nBad Header: x\r\n\r\n',
      /not valid HTTP\/1\.1/,
    ],
    [
      'Content-Length beside Transfer-Encoding',
      `POST ${LIST} HTTP/1.1\r\nHost: api\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
      /not valid HTTP\/1\.1/,
    ],
  ])(
    'should answer a request with %s in the error format, not a bare status line',
    async (_name, request, message) => {
      const answer = await rawHttp(api.url, request);
      const [head = '', body = ''] = answer.split('\r\n\r\n');
      expect(head).toMatch(/^HTTP\/1\.1 400 Bad Request/);
      expect(head).toMatch(/\r\ncontent-type: application\/json; charset=utf-8/i);
      expect(head).toMatch(/\r\ncache-control: no-store/i);
      const requestId = /\r\nx-request-id: ([0-9a-f-]{36})/i.exec(head)?.[1];
      expect(requestId).toBeDefined();
      const parsed = JSON.parse(body) as {
        error: { code: string; message: string; correlation_id: string };
      };
      expect(parsed.error.correlation_id).toBe(requestId);
      expect(parsed.error.code).toBe('ERROR_INVALID_PARAMETER');
      expect(parsed.error.message).toMatch(message);
    },
  );

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
    await seedJobTasks(api.config.elasticsearch.alias, [
      aJobTask({ domain_id: 'domain-a', job_task_id: 'task-1' }),
    ]);
  });
  afterAll(async () => {
    await api.close();
    await dropJobTasks(api.config.elasticsearch.alias);
  });

  const rawList = (headers: string) => {
    const body = JSON.stringify({ domain_id: 'domain-a' });
    return rawHttp(
      api.url,
      `POST ${LIST} HTTP/1.1\r\nHost: api\r\nConnection: close\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${body.length}\r\n${headers}\r\n${body}`,
    );
  };

  it('should answer a granted key with its scheme in any case', async () => {
    const answer = await rawList('authorization: bEARER  reader-key-0123456789\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(answer).toContain('"total_count":1');
  });

  it.each([
    ['the good key first', 'reader-key-0123456789', 'wrong-key-0123456789'],
    ['the good key last', 'wrong-key-0123456789', 'reader-key-0123456789'],
    ['the good key twice', 'reader-key-0123456789', 'reader-key-0123456789'],
  ])('should answer two Authorization headers (%s) with 401', async (_name, first, second) => {
    const answer = await rawList(
      `Authorization: Bearer ${first}\r\nAuthorization: Bearer ${second}\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 401 /);
    expect(answer).toContain('"code":"ERROR_AUTHENTICATE_FAILURE"');
  });

  it.each([
    ['an empty bearer', 'Bearer '],
    ['the key without a scheme', 'reader-key-0123456789'],
    ['another scheme', 'Basic reader-key-0123456789'],
    ['the key with more after it', 'Bearer reader-key-0123456789 x'],
    ['the key quoted', 'Bearer "reader-key-0123456789"'],
    ['a longer key', 'Bearer reader-key-0123456789a'],
  ])('should answer %s with 401', async (_name, authorization) => {
    const res = await postText(api, LIST, JSON.stringify({ domain_id: 'domain-a' }), {
      authorization,
    });
    expect(res.status).toBe(401);
    await expect(res.json()).resolves.toMatchObject({
      error: { code: 'ERROR_AUTHENTICATE_FAILURE' },
    });
  });

  it.each([
    ['a body that is not JSON', '{"domain_id": '],
    [
      'a body over the size limit',
      JSON.stringify({ domain_id: 'domain-a', pad: 'x'.repeat(1_100_000) }),
    ],
  ])('should answer %s without a key with 401, before reading it', async (_name, body) => {
    const res = await postText(api, LIST, body);
    expect(res.status).toBe(401);
    await expect(res.json()).resolves.toMatchObject({
      error: { code: 'ERROR_AUTHENTICATE_FAILURE' },
    });
    const next = await postText(api, LIST, JSON.stringify({ domain_id: 'domain-a' }), {
      authorization: 'Bearer reader-key-0123456789',
    });
    await expect(next.json()).resolves.toMatchObject({ total_count: 1 });
  });

  it("should still answer a key-holder's malformed body with 400", async () => {
    const res = await postText(api, LIST, '{"domain_id": ', {
      authorization: 'Bearer reader-key-0123456789',
    });
    expect(res.status).toBe(400);
    await expect(res.json()).resolves.toMatchObject({ error: { code: 'ERROR_INVALID_PARAMETER' } });
  });

  it('should answer a key with bytes outside ASCII with 401, not 500', async () => {
    const answer = await rawList(
      'Authorization: Bearer reader-key-\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\r\n',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 401 /);
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
