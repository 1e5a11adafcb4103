import { g, type StatCase } from './stat-case';

/** Stage semantics over STAT_SAMPLE (stream order: job_task-4, -1, -2, -3, -5); see stat-cases.ts. */
const byProvider = { key: 'provider', name: 'provider' };
const count = { name: 'n', operator: 'count' };

export const STAT_STAGE_CASES: StatCase[] = [
  {
    name: 'unwind keeps list order and drops tasks without errors',
    query: {
      aggregate: [
        { unwind: { path: 'errors' } },
        {
          project: {
            fields: [
              { key: 'errors.error_code', name: 'code' },
              { key: 'job_task_id', name: 'id' },
            ],
          },
        },
      ],
    },
    expected: {
      results: [
        { code: 'E1', id: 'job_task-2' },
        { code: 'E2', id: 'job_task-2' },
        { code: 'E1', id: 'job_task-3' },
        { code: 'E2', id: 'job_task-5' },
      ],
    },
  },
  {
    name: 'date_format pattern keys (null dates form a null group, first)',
    query: {
      aggregate: g({
        keys: [{ key: 'created_at', name: 'day', date_format: '%Y-%m-%d' }],
        fields: [count],
      }),
    },
    expected: {
      results: [
        { day: null, n: 1 },
        { day: '2026-11-28', n: 2 },
        { day: '2026-11-29', n: 1 },
        { day: '2026-12-01', n: 1 },
      ],
    },
  },
  {
    name: 'date_format parts give integers',
    query: {
      aggregate: g({
        keys: [
          { key: 'created_at', name: 'y', date_format: 'year' },
          { key: 'created_at', name: 'm', date_format: 'month' },
        ],
        fields: [count],
      }),
    },
    expected: {
      results: [
        { y: null, m: null, n: 1 },
        { y: 2026, m: 11, n: 3 },
        { y: 2026, m: 12, n: 1 },
      ],
    },
  },
  {
    name: 'a non-injective date_format (%H only) merges days',
    query: {
      aggregate: g({
        keys: [{ key: 'created_at', name: 'h', date_format: 'at %H:00' }],
        fields: [count],
      }),
    },
    expected: {
      results: [
        { h: null, n: 1 },
        { h: 'at 00:00', n: 1 },
        { h: 'at 09:00', n: 1 },
        { h: 'at 10:00', n: 1 },
        { h: 'at 11:00', n: 1 },
      ],
    },
  },
  {
    name: 'group rows ascend by key, nulls first',
    query: { aggregate: g({ keys: [byProvider], fields: [count] }) },
    expected: {
      results: [
        { provider: null, n: 1 },
        { provider: 'aws', n: 2 },
        { provider: 'gcp', n: 2 },
      ],
    },
  },
  {
    name: 'sort is stable and puts nulls last when descending',
    query: {
      aggregate: g(
        { keys: [byProvider], fields: [count] },
        { sort: { keys: [{ key: 'n', desc: true }] } },
        { sort: { key: 'provider', desc: true } },
      ),
    },
    expected: {
      results: [
        { provider: 'gcp', n: 2 },
        { provider: 'aws', n: 2 },
        { provider: null, n: 1 },
      ],
    },
  },
  {
    name: 'Format A sort by a group key name sorts by that key',
    query: {
      aggregate: { group: { keys: [byProvider], fields: [count] } },
      sort: { name: 'provider', desc: true },
      limit: 2,
    },
    expected: {
      results: [
        { provider: 'gcp', n: 2 },
        { provider: 'aws', n: 2 },
      ],
    },
  },
  {
    name: 'project size keeps the keys unless exclude_keys',
    query: {
      aggregate: g(
        {
          keys: [{ key: 'job_id', name: 'job_id' }],
          fields: [{ name: 's', operator: 'add_to_set', key: 'status' }],
        },
        {
          project: {
            fields: [
              { key: 's', name: 'n', operator: 'size' },
              { key: 's', name: 's' },
            ],
          },
        },
      ),
    },
    expected: {
      results: [
        { job_id: 'job-a', n: 2, s: ['FAILURE', 'SUCCESS'] },
        { job_id: 'job-b', n: 2, s: ['PENDING', 'SUCCESS'] },
      ],
    },
  },
  {
    name: 'project with exclude_keys drops the keys',
    query: {
      aggregate: g(
        { keys: [{ key: 'job_id', name: 'job_id' }], fields: [count] },
        { project: { fields: [{ key: 'n' }], exclude_keys: true } },
      ),
    },
    expected: { results: [{ n: 3 }, { n: 2 }] },
  },
  {
    name: 'skip then limit',
    query: { aggregate: g({ keys: [byProvider], fields: [count] }, { skip: 1 }, { limit: 1 }) },
    expected: { results: [{ provider: 'aws', n: 2 }] },
  },
  {
    name: "a second group reads the first group's keys and fields",
    query: {
      aggregate: g(
        {
          keys: [
            { key: 'job_id', name: 'job_id' },
            { key: 'status', name: 'status' },
          ],
          fields: [count],
        },
        {
          group: {
            keys: [{ key: 'job_id', name: 'job' }],
            fields: [
              { name: 'tasks', operator: 'sum', key: 'n' },
              { name: 'statuses', operator: 'count' },
            ],
          },
        },
      ),
    },
    expected: {
      results: [
        { job: 'job-a', tasks: 3, statuses: 2 },
        { job: 'job-b', tasks: 2, statuses: 2 },
      ],
    },
  },
  {
    name: 'a sort before the group reorders first/last',
    query: {
      aggregate: [
        { sort: { key: 'success_count', desc: true } },
        { group: { fields: [{ name: 'top', operator: 'first', key: 'job_task_id' }] } },
      ],
    },
    expected: { results: [{ top: 'job_task-1' }] },
  },
  {
    name: 'count after group counts groups',
    query: { aggregate: { group: { keys: [byProvider] }, count: { name: 'providers' } } },
    expected: { results: [{ providers: 3 }] },
  },
  {
    name: 'page gives total_count of all rows',
    query: { aggregate: g({ keys: [byProvider], fields: [count] }), page: { start: 2, limit: 1 } },
    expected: { results: [{ provider: 'aws', n: 2 }], total_count: 3 },
  },
  {
    name: 'distinct flattens error codes; Format A sort.desc and limit apply',
    query: { distinct: 'errors.error_code', sort: { desc: true }, limit: 1 },
    expected: { results: ['E2'] },
  },
  {
    name: 'distinct of dates renders ISO strings, skipping nulls',
    query: { distinct: 'finished_at' },
    expected: { results: ['2026-11-28T10:05:00.000Z', '2026-11-29T09:40:00.000Z'] },
  },
];
