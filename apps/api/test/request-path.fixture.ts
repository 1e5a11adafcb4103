/*
 * What the two request-path measures share: the queries they time, the API configuration they run with (answer
 * cache and API keys off, quiet logs) and the 5,000-task index they seed, so their numbers compare.
 */
import { type ApiConfig, loadApiConfig } from '@app/config';
import { aJobTask, seedJobTasks } from './seed-index';

const DOMAIN = 'measure';

export interface MeasuredQuery {
  kind: 'list' | 'stat';
  path: string;
  body: unknown;
}

export const MEASURED_QUERIES: Record<string, MeasuredQuery> = {
  'list, 20 tasks': {
    kind: 'list',
    path: '/power_scheduler/v1/job-tasks/search',
    body: {
      domain_id: DOMAIN,
      query: { filter: [{ k: 'status', v: 'FAILURE', o: 'not' }], page: { start: 1, limit: 20 } },
    },
  },
  'list, 100 tasks from 4,901': {
    kind: 'list',
    path: '/power_scheduler/v1/job-tasks/search',
    body: {
      domain_id: DOMAIN,
      query: {
        sort: { keys: [{ key: 'success_count', desc: true }] },
        page: { start: 4_901, limit: 100 },
      },
    },
  },
  'stat, group by status': {
    kind: 'stat',
    path: '/power_scheduler/v1/job-tasks/stat',
    body: {
      domain_id: DOMAIN,
      query: {
        aggregate: [
          {
            group: {
              keys: [{ key: 'status', name: 'status' }],
              fields: [
                { operator: 'count', name: 'n' },
                { key: 'success_count', operator: 'sum', name: 'ok' },
              ],
            },
          },
        ],
      },
    },
  },
};

export const median = (values: number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  const mid = (s.length - 1) / 2;
  return ((s[Math.floor(mid)] ?? NaN) + (s[Math.ceil(mid)] ?? NaN)) / 2;
};

/** The API's configuration for a measure on its own alias: every request reaches Elasticsearch. */
export function measureApiConfig(alias: string): ApiConfig {
  return loadApiConfig({
    ...process.env,
    JOB_TASKS_ALIAS: alias,
    REDIS_KEY_PREFIX: `${alias}:`,
    CACHE_ENABLED: 'false',
    API_KEYS: '',
    LOG_LEVEL: 'error',
  });
}

/** 5,000 tasks of one domain behind `alias`, spread over four statuses and 50 jobs. */
export async function seedMeasureIndex(alias: string): Promise<void> {
  const statuses = ['SUCCESS', 'FAILURE', 'PENDING', 'IN_PROGRESS'] as const;
  await seedJobTasks(
    alias,
    Array.from({ length: 5_000 }, (_, i) =>
      aJobTask({
        domain_id: DOMAIN,
        job_task_id: `t${i}`,
        status: statuses[i % 4] ?? 'SUCCESS',
        success_count: i % 9,
        job_id: `job-${i % 50}`,
        created_at: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString(),
      }),
    ),
  );
}
