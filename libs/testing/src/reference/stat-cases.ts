import type { JobTaskInfo } from '@app/domain';
import { statError, statTask } from './stat-fixtures';

/**
 * Stat requests over STAT_SAMPLE (or their own docs) with hand-computed answers. Stream order of the
 * sample: job_task-4 (no created_at), -1, -2, -3, -5. Both the reference evaluator and the API's
 * in-memory engine must give exactly these results.
 */
export interface StatCase {
  name: string;
  query: Record<string, unknown>;
  expected: { results: unknown[]; total_count?: number };
  docs?: JobTaskInfo[];
}

const g = (group: unknown, ...rest: unknown[]): unknown[] => [{ group }, ...rest];
const all = (fields: unknown[]): unknown[] => g({ fields });
const byProvider = { key: 'provider', name: 'provider' };
const count = { name: 'n', operator: 'count' };

const EXAMPLE_DOCS = [
  ...[10, 10, 10, 10, 2].map((s, i) => statTask({ job_task_id: `t-${i}`, success_count: s })),
  statTask({ job_task_id: 't-9', status: 'FAILURE' }),
];
const exampleGroup = {
  keys: [{ key: 'status', name: 'status' }],
  fields: [
    { operator: 'count', name: 'count' },
    { key: 'success_count', operator: 'sum', name: 'success' },
  ],
};
const SEVEN_ERRORS = [
  statTask({ job_task_id: 'a', errors: [1, 2, 3].map((i) => statError(`E${i}`, 'x')) }),
  statTask({ job_task_id: 'b', errors: [4, 5, 6, 7].map((i) => statError(`E${i}`, 'x')) }),
  statTask({ job_task_id: 'c' }),
];
const STATUSES = (['FAILURE', 'IN_PROGRESS', 'PENDING', 'SUCCESS'] as const).map((status, i) =>
  statTask({ job_task_id: `s-${i}`, status }),
);
const cond = (key: string, operator: string, value: unknown): unknown => ({
  name: `${key}_${operator}`,
  operator: 'count',
  conditions: [{ key, operator, value }],
});

export const STAT_CASES: StatCase[] = [
  {
    name: 'spaceone §4.5 Format A example',
    docs: EXAMPLE_DOCS,
    query: {
      aggregate: { group: exampleGroup },
      sort: { name: 'count', desc: true },
      page: { start: 1, limit: 10 },
    },
    expected: {
      results: [
        { status: 'SUCCESS', count: 5, success: 42 },
        { status: 'FAILURE', count: 1, success: 0 },
      ],
      total_count: 2,
    },
  },
  {
    name: 'spaceone §4.5 Format B example',
    docs: EXAMPLE_DOCS,
    query: {
      aggregate: g(
        { keys: exampleGroup.keys, fields: [{ name: 'count', operator: 'count' }] },
        { sort: { key: 'count', desc: true } },
      ),
    },
    expected: {
      results: [
        { status: 'SUCCESS', count: 5 },
        { status: 'FAILURE', count: 1 },
      ],
    },
  },
  {
    name: 'spaceone §4.5 distinct with a page',
    docs: STATUSES,
    query: { distinct: 'status', page: { start: 3, limit: 3 } },
    expected: { results: ['PENDING', 'SUCCESS'], total_count: 4 },
  },
  {
    name: 'spaceone §4.5 unwind + count, Format A',
    docs: SEVEN_ERRORS,
    query: { aggregate: { unwind: [{ path: 'errors' }], count: { name: 'error_count' } } },
    expected: { results: [{ error_count: 7 }] },
  },
  {
    name: 'spaceone §4.5 unwind + count, Format B',
    docs: SEVEN_ERRORS,
    query: { aggregate: [{ unwind: { path: 'errors' } }, { count: { name: 'error_count' } }] },
    expected: { results: [{ error_count: 7 }] },
  },
  {
    name: 'count stage over nothing',
    docs: [],
    query: { aggregate: [{ count: { name: 'n' } }] },
    expected: { results: [] },
  },
  {
    name: 'group without keys over nothing',
    docs: [],
    query: { aggregate: all([count]) },
    expected: { results: [] },
  },
  {
    name: 'conditional counts (null is below every value)',
    query: {
      aggregate: all([
        cond('status', 'eq', 'FAILURE'),
        cond('provider', 'not', 'aws'),
        cond('provider', 'lt', 'b'),
        cond('success_count', 'gte', 3),
        cond('success_count', 'gt', 2.5),
        cond('finished_at', 'lt', '2026-11-29'),
        cond('finished_at', 'gt', '2026-11-29T00:00:00Z'),
      ]),
    },
    expected: {
      results: [
        {
          status_eq: 2,
          provider_not: 3,
          provider_lt: 3,
          success_count_gte: 2,
          success_count_gt: 2,
          finished_at_lt: 4,
          finished_at_gt: 1,
        },
      ],
    },
  },
  {
    name: 'sum and average, plain and conditional',
    query: {
      aggregate: all([
        { name: 's', operator: 'sum', key: 'success_count' },
        { name: 'a', operator: 'average', key: 'success_count' },
        {
          name: 'ss',
          operator: 'sum',
          key: 'success_count',
          conditions: [{ key: 'status', operator: 'eq', value: 'SUCCESS' }],
        },
        {
          name: 'af',
          operator: 'average',
          key: 'success_count',
          conditions: [{ key: 'status', operator: 'eq', value: 'FAILURE' }],
        },
        {
          name: 'an',
          operator: 'average',
          key: 'success_count',
          conditions: [{ key: 'status', operator: 'eq', value: 'NONE' }],
        },
        {
          name: 'sn',
          operator: 'sum',
          key: 'failure_count',
          conditions: [{ key: 'status', operator: 'eq', value: 'NONE' }],
        },
      ]),
    },
    expected: { results: [{ s: 11, a: 2.2, ss: 8, af: 1.5, an: null, sn: 0 }] },
  },
  {
    name: 'min and max of numbers, strings and dates (nulls skipped)',
    query: {
      aggregate: all(
        ['success_count', 'provider', 'created_at', 'finished_at'].flatMap((key) => [
          { name: `min_${key}`, operator: 'min', key },
          { name: `max_${key}`, operator: 'max', key },
        ]),
      ),
    },
    expected: {
      results: [
        {
          min_success_count: 0,
          max_success_count: 5,
          min_provider: 'aws',
          max_provider: 'gcp',
          min_created_at: '2026-11-28T10:00:00.000Z',
          max_created_at: '2026-12-01T00:00:00.000Z',
          min_finished_at: '2026-11-28T10:05:00.000Z',
          max_finished_at: '2026-11-29T09:40:00.000Z',
        },
      ],
    },
  },
  {
    name: 'first and last in stream order (unset created_at first)',
    query: {
      aggregate: all([
        { name: 'fi', operator: 'first', key: 'job_task_id' },
        { name: 'li', operator: 'last', key: 'job_task_id' },
        { name: 'ff', operator: 'first', key: 'finished_at' },
        { name: 'lc', operator: 'last', key: 'created_at' },
        { name: 'le', operator: 'last', key: 'errors.error_code' },
      ]),
    },
    expected: {
      results: [
        {
          fi: 'job_task-4',
          li: 'job_task-5',
          ff: null,
          lc: '2026-12-01T00:00:00.000Z',
          le: ['E2'],
        },
      ],
    },
  },
  {
    name: 'size and add_to_set skip nulls; members ascending',
    query: {
      aggregate: all([
        { name: 'ps', operator: 'size', key: 'provider' },
        { name: 'pa', operator: 'add_to_set', key: 'provider' },
        { name: 'ca', operator: 'add_to_set', key: 'created_at' },
      ]),
    },
    expected: {
      results: [
        {
          ps: 2,
          pa: ['aws', 'gcp'],
          ca: [
            '2026-11-28T10:00:00.000Z',
            '2026-11-28T11:00:00.000Z',
            '2026-11-29T09:30:00.000Z',
            '2026-12-01T00:00:00.000Z',
          ],
        },
      ],
    },
  },
  {
    name: 'push records nulls, with a key or sub-fields',
    query: {
      aggregate: all([
        { name: 'p', operator: 'push', key: 'provider' },
        {
          name: 'o',
          operator: 'push',
          fields: [
            { key: 'job_task_id', name: 'id' },
            { key: 'finished_at', name: 'f' },
          ],
        },
      ]),
    },
    expected: {
      results: [
        {
          p: ['aws', 'aws', 'gcp', null, 'gcp'],
          o: [
            { id: 'job_task-4', f: null },
            { id: 'job_task-1', f: '2026-11-28T10:05:00.000Z' },
            { id: 'job_task-2', f: null },
            { id: 'job_task-3', f: '2026-11-29T09:40:00.000Z' },
            { id: 'job_task-5', f: null },
          ],
        },
      ],
    },
  },
  {
    name: 'merge_objects after unwind, later rows win',
    query: {
      aggregate: [
        { unwind: { path: 'errors' } },
        {
          group: {
            keys: [{ key: 'errors.error_code', name: 'code' }],
            fields: [{ name: 'm', operator: 'merge_objects', key: 'errors.additional' }],
          },
        },
      ],
    },
    expected: {
      results: [
        { code: 'E1', m: { a: 1, b: 2 } },
        { code: 'E2', m: { a: 3 } },
      ],
    },
  },
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
