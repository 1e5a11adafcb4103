import type { JobTaskInfo } from '@app/domain';
import { parseJobTaskListRequest } from '@app/query';
import { evaluateJobTaskList, REFERENCE_NOW } from '@app/query-reference';
import { type RunningApi, startApi } from './api-test-app';
import { expectedAnswer, postJson, sameAnswer } from './differential/http-call';
import { aJobTask, dropJobTasks, seedJobTasks } from './seed-index';

/*
 * Literal substrings at the lengths the limits allow, on the real Elasticsearch, against the reference
 * evaluator: self-overlapping literals (the ones whose automaton is costly), non-ASCII letters and the
 * case pairs whose folding is not symmetric (Kelvin sign, long s, final sigma, dotted I).
 */
const DOMAIN = 'literal-substrings';
const TEXTS = [
  'a'.repeat(1200),
  `${'A'.repeat(600)}b`,
  `x${'Ab'.repeat(520)}y`,
  `${'é'.repeat(700)}${'É'.repeat(400)}`,
  'ǅǆǄ'.repeat(20),
  'αβΓ'.repeat(350),
  'K k \u212a Å \u212b å',
  'ſ S s ς Σ σ',
  'İ i ı I ß ẞ',
  'plain job-42',
  '\u{1F600}'.repeat(1100),
  '\u{10400}\u{10428}'.repeat(600),
  // what Elasticsearch makes of half a surrogate pair when it builds a term
  'replaced \ufffd here',
];

const docs: JobTaskInfo[] = TEXTS.map((text, i) =>
  aJobTask({
    domain_id: DOMAIN,
    job_task_id: `t${i}`,
    job_id: text.slice(0, 1000),
    errors: [{ error_code: 'E', message: text, additional: {} }],
  }),
);

const PATTERNS = [
  'a'.repeat(500),
  'A'.repeat(1000),
  'a'.repeat(601),
  `${'aB'.repeat(500)}`,
  `${'É'.repeat(500)}`,
  `${'é'.repeat(650)}É`,
  'ǆǅǄ'.repeat(5),
  'ΑΒγ'.repeat(300),
  'k',
  '\u212a',
  'K',
  'ſ',
  's',
  'ς',
  'Σ',
  'σ',
  'İ',
  'ı',
  'ß',
  'ẞ',
];

describe('literal substrings of any allowed length equal the reference evaluator', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi({ CACHE_ENABLED: 'false' }, () => REFERENCE_NOW);
    await seedJobTasks(api.config.elasticsearch.alias, docs);
  });
  afterAll(async () => {
    await api.close();
    await dropJobTasks(api.config.elasticsearch.alias);
  });

  const bodies: [string, unknown][] = [
    ...PATTERNS.flatMap((p): [string, unknown][] =>
      ['errors.message', 'job_id'].flatMap((key) =>
        ['contain', 'not_contain'].map((operator): [string, unknown] => [
          `${key} ${operator} ${p.slice(0, 12)}… (${p.length})`,
          { filter: [{ key, value: p, operator }] },
        ]),
      ),
    ),
    [
      'contain_in of long runs',
      { filter: [{ k: 'errors.message', v: PATTERNS.slice(0, 4), o: 'contain_in' }] },
    ],
    [
      'not_contain_in of long runs',
      { filter: [{ k: 'job_id', v: PATTERNS.slice(3, 7), o: 'not_contain_in' }] },
    ],
    ['a 1,000-character keyword token', { keyword: 'a'.repeat(1000) }],
    ['a 1,000-character periodic keyword token', { keyword: 'Ab'.repeat(500) }],
    ['keyword tokens with non-ASCII letters', { keyword: `${'é'.repeat(400)} \u212a ſ` }],
    // The keyword limit counts characters: 1,000 astral ones are 2,000 UTF-16 units.
    ['a 1,000-emoji keyword token', { keyword: '\u{1F600}'.repeat(1000) }],
    ['a 1,000-character astral keyword with case pairs', { keyword: '\u{10428}'.repeat(1000) }],
    ['a 400-character astral keyword with case pairs', { keyword: '\u{10428}'.repeat(400) }],
  ];

  // JSON can carry "\ud800"; ES would search for U+FFFD instead, and find the task above.
  it.each([
    ['contain', { filter: [{ k: 'job_id', v: '\ud800', o: 'contain' }] }],
    ['eq', { filter: [{ k: 'job_id', v: 'replaced \udfff here', o: 'eq' }] }],
    [
      'not_contain_in',
      { filter_or: [{ k: 'errors.message', v: ['x', '\ud83d'], o: 'not_contain_in' }] },
    ],
    ['a keyword token', { keyword: 'job \udc00' }],
  ])('should refuse half a surrogate pair in %s with a 400', async (_name, query) => {
    const actual = await postJson(`${api.url}/power_scheduler/v1/job-tasks/search`, {
      domain_id: DOMAIN,
      query,
    });
    expect(actual.status).toBe(400);
    expect(actual.body).toMatchObject({ error: { code: 'ERROR_INVALID_PARAMETER' } });
    expect(JSON.stringify(actual.body)).toMatch(/surrogate/);
  });

  it('should find U+FFFD itself only where it is', async () => {
    const actual = await postJson(`${api.url}/power_scheduler/v1/job-tasks/search`, {
      domain_id: DOMAIN,
      query: { filter: [{ k: 'job_id', v: '\ufffd', o: 'contain' }], only: ['job_task_id'] },
    });
    expect(actual.body).toEqual({
      results: [{ job_task_id: `t${TEXTS.length - 1}` }],
      total_count: 1,
    });
  });

  it.each(bodies)('should answer %s as the reference does', async (_name, query) => {
    const body = {
      domain_id: DOMAIN,
      query: { ...(query as object), sort: { key: 'job_task_id' } },
    };
    const limits = api.config.api.limits;
    const expected = expectedAnswer(() =>
      evaluateJobTaskList(docs, parseJobTaskListRequest(body, limits), limits, REFERENCE_NOW),
    );
    const actual = await postJson(`${api.url}/power_scheduler/v1/job-tasks/search`, body);
    expect(actual.status).toBe(200);
    expect(sameAnswer(actual, expected)).toBe(true);
  });
});
