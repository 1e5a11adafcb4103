import { postText, type RunningApi, startApi } from './api-test-app';
import { aJobTask, dropJobTasks, seedJobTasks } from './seed-index';

const LIST = '/power_scheduler/v1/job-tasks/search';
const STAT = '/power_scheduler/v1/job-tasks/stat';

function headersOf(res: Response) {
  return {
    cacheControl: res.headers.get('cache-control'),
    nosniff: res.headers.get('x-content-type-options'),
    etag: res.headers.get('etag'),
    poweredBy: res.headers.get('x-powered-by'),
  };
}

const EXPECTED = { cacheControl: 'no-store', nosniff: 'nosniff', etag: null, poweredBy: null };

describe('HTTP answer headers', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi({ MAX_BODY_BYTES: '2048' });
    await seedJobTasks(api.config.elasticsearch.alias, [
      aJobTask({ domain_id: 'headers', job_task_id: 'task-1' }),
    ]);
  });
  afterAll(async () => {
    await api.close();
    await dropJobTasks(api.config.elasticsearch.alias);
  });

  const answers: [string, (api: RunningApi) => Promise<Response>, number][] = [
    ['a list answer', (a) => postText(a, LIST, JSON.stringify({ domain_id: 'headers' })), 200],
    [
      'a list answer by URL',
      (a) => fetch(`${a.url}/power_scheduler/v1/job-tasks?domain_id=headers`),
      200,
    ],
    [
      'a stat answer',
      (a) =>
        postText(
          a,
          STAT,
          JSON.stringify({
            domain_id: 'headers',
            query: { aggregate: [{ count: { name: 'n' } }] },
          }),
        ),
      200,
    ],
    ['a validation error', (a) => postText(a, LIST, JSON.stringify({ domain_id: 7 })), 400],
    ['malformed JSON', (a) => postText(a, LIST, '{"domain_id": '), 400],
    ['an oversized body', (a) => postText(a, LIST, JSON.stringify({ pad: 'x'.repeat(5000) })), 413],
    ['an unknown route', (a) => fetch(`${a.url}/nope`), 404],
    ['the health probe', (a) => fetch(`${a.url}/health`), 200],
  ];

  it.each(answers)(
    'should send %s as no-store and nosniff, without ETag or X-Powered-By',
    async (_name, send, status) => {
      const res = await send(api);
      expect(res.status).toBe(status);
      await res.arrayBuffer();
      expect(headersOf(res)).toEqual(EXPECTED);
    },
  );
});
