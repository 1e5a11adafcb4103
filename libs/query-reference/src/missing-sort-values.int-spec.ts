import type { JobTaskInfo } from '@app/domain';
import {
  DEFAULT_LIST_LIMITS,
  parseJobTaskListRequest,
  parseStatRequest,
  runJobTaskList,
  runStat,
} from '@app/query';
import { uniqueName } from '@app/testing';
import { evaluateJobTaskList } from './list-evaluator';
import { StatTestIndex } from './stat-differential.es-index';
import { evaluateStat } from './stat-evaluator';

/*
 * Unset sort values on the real Elasticsearch: the list's "null sorts lowest" on an integer key, and
 * the stat scan's stream order (created_at unset first) across its 2,000-document pages. A task whose
 * `created` event has not arrived yet has no created_at (events.md), so a backlog of them is real.
 */
const NOW = new Date('2026-12-01T00:00:00.000Z');
const DOMAIN = 'missing-sort';

const tasks: JobTaskInfo[] = Array.from({ length: 2100 }, (_, i) => ({
  job_task_id: `t${String(i).padStart(5, '0')}`,
  domain_id: DOMAIN,
  status: 'SUCCESS',
  // the read model's counts are never unset today, but the contract orders an unset one lowest
  success_count: (i % 5 === 0 ? null : i % 3) as number,
  failure_count: 0,
  errors: [],
  job_id: `job-${i % 7}`,
  secret_id: null,
  provider: null,
  service_account_id: null,
  project_id: null,
  created_at: i < 2050 ? null : new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
  started_at: null,
  finished_at: null,
}));

describe('unset sort values on Elasticsearch', () => {
  const index = new StatTestIndex(uniqueName('query-missing-sort'));

  beforeAll(async () => {
    await index.create();
    await index.index(tasks);
  });
  afterAll(() => index.drop());

  it.each([
    ['ascending, first page', { sort: { key: 'success_count' }, page: { start: 1, limit: 5 } }],
    [
      'ascending, where unset ends',
      { sort: { key: 'success_count' }, page: { start: 418, limit: 6 } },
    ],
    [
      'descending, last page',
      { sort: { key: 'success_count', desc: true }, page: { start: 2090, limit: 20 } },
    ],
    [
      'descending, where unset begins',
      { sort: { key: 'success_count', desc: true }, page: { start: 1678, limit: 6 } },
    ],
  ])('should sort an unset integer lowest: %s', async (_name, query) => {
    const body = { domain_id: DOMAIN, query: { ...query, only: ['job_task_id', 'success_count'] } };
    const req = parseJobTaskListRequest(body, DEFAULT_LIST_LIMITS);
    const actual = await runJobTaskList(req, index.port(DOMAIN), DEFAULT_LIST_LIMITS, NOW);
    expect(actual).toEqual(evaluateJobTaskList(tasks, req, DEFAULT_LIST_LIMITS, NOW));
  });

  it('should scan past a page that ends on a task without created_at', async () => {
    const limits = { maxGroups: 10_000, maxScanDocs: 50_000 };
    const req = parseStatRequest(
      {
        domain_id: DOMAIN,
        query: {
          aggregate: [
            {
              group: {
                fields: [
                  { name: 'ids', operator: 'push', key: 'job_task_id' },
                  { name: 'last', operator: 'last', key: 'job_task_id' },
                ],
              },
            },
            {
              project: {
                fields: [
                  { key: 'ids', name: 'n', operator: 'size' },
                  { key: 'last', name: 'last' },
                ],
              },
            },
          ],
        },
      },
      limits,
    );
    const actual = await runStat(req, index.port(DOMAIN), limits, NOW);
    expect(actual).toEqual({ results: [{ n: 2100, last: 't02099' }] });
    expect(actual).toEqual(evaluateStat(tasks, req, limits));
  });
});
