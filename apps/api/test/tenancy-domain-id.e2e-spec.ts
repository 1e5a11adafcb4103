import { type RunningApi, startApi } from './api-test-app';
import { aJobTask, dropJobTasks, seedJobTasks } from './seed-index';

/*
 * domain_id in every shape a client can send, with and without API keys: nothing but a string the
 * key was granted may read a domain, and no shape may read "theirs" when asking as "mine".
 */
const MINE_KEY = 'tenancy-mine-key-0123456789';
const ADMIN_KEY = 'tenancy-admin-key-0123456789';
const LIST = '/power_scheduler/v1/job-tasks/search';
const STAT = '/power_scheduler/v1/job-tasks/stat';
const ROUTES = [LIST, STAT, '/power-scheduler/job-task/list', '/power-scheduler/job-task/stat'];
const STAT_QUERY = { aggregate: [{ count: { name: 'n' } }] };

const tasks = [
  aJobTask({ domain_id: 'mine', job_task_id: 'task-1' }),
  aJobTask({ domain_id: 'theirs', job_task_id: 'task-1', provider: 'secret-provider' }),
  aJobTask({ domain_id: 'theirs', job_task_id: 'task-2', provider: 'secret-provider' }),
];

interface Answer {
  status: number;
  text: string;
}

async function post(api: RunningApi, path: string, body: unknown, key?: string): Promise<Answer> {
  const res = await fetch(`${api.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(key === undefined ? {} : { authorization: `Bearer ${key}` }),
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
}

function bodyFor(path: string, domainId: unknown): Record<string, unknown> {
  const isStat = path.endsWith('stat');
  return {
    ...(domainId === undefined ? {} : { domain_id: domainId }),
    ...(isStat && { query: STAT_QUERY }),
  };
}

const codeOf = (answer: Answer) =>
  (JSON.parse(answer.text) as { error?: { code?: string } }).error?.code;

const SHAPES: [string, unknown, string][] = [
  ['absent', undefined, 'ERROR_REQUIRED_PARAMETER'],
  ['empty', '', 'ERROR_REQUIRED_PARAMETER'],
  ['null', null, 'ERROR_REQUIRED_PARAMETER'],
  ['a list of both domains', ['mine', 'theirs'], 'ERROR_INVALID_PARAMETER_TYPE'],
  ['a list of the other domain', ['theirs'], 'ERROR_INVALID_PARAMETER_TYPE'],
  ['an object', { eq: 'theirs' }, 'ERROR_INVALID_PARAMETER_TYPE'],
  ['a number', 7, 'ERROR_INVALID_PARAMETER_TYPE'],
  ['a boolean', true, 'ERROR_INVALID_PARAMETER_TYPE'],
];

describe('domain_id shapes', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi();
    await seedJobTasks(api.config.elasticsearch.alias, tasks);
  });
  afterAll(async () => {
    await api.close();
    await dropJobTasks(api.config.elasticsearch.alias);
  });

  describe.each(ROUTES)('on %s', (path) => {
    it.each(SHAPES)(
      'should answer a domain_id that is %s with a 400',
      async (_name, domainId, code) => {
        const answer = await post(api, path, bodyFor(path, domainId));
        expect(answer.status).toBe(400);
        expect(codeOf(answer)).toBe(code);
      },
    );
  });

  it.each([
    ['repeated', 'domain_id=mine&domain_id=theirs'],
    ['bracketed as a list', 'domain_id[]=theirs'],
    ['bracketed as an object', 'domain_id[eq]=theirs'],
    ['empty', 'domain_id='],
  ])('should answer a GET whose domain_id is %s with a 400', async (_name, search) => {
    const res = await fetch(`${api.url}/power_scheduler/v1/job-tasks?${search}`);
    expect(res.status).toBe(400);
    expect(await res.text()).not.toContain('secret-provider');
  });

  it('should take domain_id from the body, not from the URL of a POST', async () => {
    const answer = await post(api, `${LIST}?domain_id=theirs`, { domain_id: 'mine' });
    expect(JSON.parse(answer.text)).toMatchObject({ total_count: 1 });
    expect(answer.text).not.toContain('secret-provider');
  });

  it('should not read a domain whose id differs from the caller only in case or blanks', async () => {
    for (const domainId of ['Mine', 'mine ', ' mine']) {
      const answer = await post(api, LIST, { domain_id: domainId });
      expect(JSON.parse(answer.text)).toEqual({ results: [], total_count: 0 });
    }
  });
});

describe('domain_id against the domains of an API key', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi({ API_KEYS: `${MINE_KEY}=mine,${ADMIN_KEY}=*` });
    await seedJobTasks(api.config.elasticsearch.alias, tasks);
  });
  afterAll(async () => {
    await api.close();
    await dropJobTasks(api.config.elasticsearch.alias);
  });

  it.each(ROUTES)('should answer %s for another domain with 403 and no data', async (path) => {
    const answer = await post(api, path, bodyFor(path, 'theirs'), MINE_KEY);
    expect(answer.status).toBe(403);
    expect(codeOf(answer)).toBe('ERROR_PERMISSION_DENIED');
    expect(answer.text).not.toContain('secret-provider');
  });

  it.each(ROUTES)('should answer %s for the granted domain', async (path) => {
    const answer = await post(api, path, bodyFor(path, 'mine'), MINE_KEY);
    expect(answer.status).toBe(200);
    expect(answer.text).not.toContain('secret-provider');
  });

  it.each(SHAPES)(
    'should never take a domain_id that is %s for a granted one',
    async (_name, domainId) => {
      const answer = await post(api, LIST, bodyFor(LIST, domainId), MINE_KEY);
      expect([400, 403]).toContain(answer.status);
      expect(answer.text).not.toContain('secret-provider');
    },
  );

  it('should answer the GET route for another domain with 403', async () => {
    const res = await fetch(`${api.url}/power_scheduler/v1/job-tasks?domain_id=theirs`, {
      headers: { authorization: `Bearer ${MINE_KEY}` },
    });
    expect(res.status).toBe(403);
  });

  it('should refuse a key whose answer for the other domain is already cached', async () => {
    const asAdmin = await post(api, LIST, { domain_id: 'theirs' }, ADMIN_KEY);
    expect(asAdmin.text).toContain('secret-provider');
    const asMine = await post(api, LIST, { domain_id: 'theirs' }, MINE_KEY);
    expect(asMine.status).toBe(403);
    expect(asMine.text).not.toContain('secret-provider');
  });

  it('should authenticate before it reads the request', async () => {
    const answer = await post(api, LIST, { domain_id: ['theirs'] });
    expect(answer.status).toBe(401);
    expect(codeOf(answer)).toBe('ERROR_AUTHENTICATE_FAILURE');
  });
});
