import { type RunningApi, startApi } from './api-test-app';
import { aJobTask, dropJobTasks, seedJobTasks } from './seed-index';

/* Methods, paths and content types at the routes: every answer is the data or an error in the API's format. */
const LIST = '/power_scheduler/v1/job-tasks/search';
const BODY = JSON.stringify({ domain_id: 'routes' });
const ANSWER = { results: [expect.objectContaining({ job_task_id: 'task-1' })], total_count: 1 };

describe('HTTP routes', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi();
    await seedJobTasks(api.config.elasticsearch.alias, [
      aJobTask({ domain_id: 'routes', job_task_id: 'task-1' }),
    ]);
  });
  afterAll(async () => {
    await api.close();
    await dropJobTasks(api.config.elasticsearch.alias);
  });

  it.each(['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])(
    'should answer %s on a POST route with 404 ERROR_NOT_FOUND as JSON',
    async (method) => {
      const res = await fetch(`${api.url}${LIST}`, { method });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      await expect(res.json()).resolves.toMatchObject({ error: { code: 'ERROR_NOT_FOUND' } });
    },
  );

  it('should answer HEAD on the GET route with its headers and no body', async () => {
    const res = await fetch(`${api.url}/power_scheduler/v1/job-tasks?domain_id=routes`, {
      method: 'HEAD',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.text()).toBe('');
  });

  it.each<[string, string, Record<string, string>]>([
    ['a trailing slash', `${LIST}/`, { 'content-type': 'application/json' }],
    ['a query string', `${LIST}?domain_id=other`, { 'content-type': 'application/json' }],
    ['JSON sent as text/plain', LIST, { 'content-type': 'text/plain' }],
    ['no content type', LIST, {}],
  ])('should read the JSON body with %s', async (_name, path, headers) => {
    const res = await fetch(`${api.url}${path}`, { method: 'POST', headers, body: BODY });
    expect(res.status).toBe(200);
    await expect(res.json()).resolves.toEqual(ANSWER);
  });

  it('should answer a multipart body with 400 ERROR_INVALID_PARAMETER', async () => {
    const form = new FormData();
    form.set('domain_id', 'routes');
    const res = await fetch(`${api.url}${LIST}`, { method: 'POST', body: form });
    expect(res.status).toBe(400);
    await expect(res.json()).resolves.toEqual({
      error: { code: 'ERROR_INVALID_PARAMETER', message: 'The request body is not valid JSON.' },
    });
  });

  it('should refuse a GET with more parameters than are parsed, not drop a filter past them', async () => {
    const many = Array.from({ length: 1000 }, () => 'job_id=job-1').join('&');
    const res = await fetch(
      `${api.url}/power_scheduler/v1/job-tasks?domain_id=routes&${many}&status=FAILURE`,
    );
    expect(res.status).toBe(400);
    await expect(res.json()).resolves.toMatchObject({
      error: {
        code: 'ERROR_INVALID_PARAMETER',
        message: expect.stringContaining('1002 URL parameters') as unknown,
      },
    });
  });

  it('should keep answering on a kept-alive connection after a refused request', async () => {
    const bad = await fetch(`${api.url}${LIST}`, { method: 'POST', body: '{"domain_id":' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('connection')).toBe('keep-alive');
    await bad.arrayBuffer();
    const good = await fetch(`${api.url}${LIST}`, { method: 'POST', body: BODY });
    await expect(good.json()).resolves.toEqual(ANSWER);
  });
});
