import { g, type StatCase } from './stat-case';
import { STAT_EXAMPLE_CASES } from './stat-cases.examples';
import { STAT_STAGE_CASES } from './stat-cases.stages';

export type { StatCase } from './stat-case';

const all = (fields: unknown[]): unknown[] => g({ fields });
const count = { name: 'n', operator: 'count' };

const cond = (key: string, operator: string, value: unknown): unknown => ({
  name: `${key}_${operator}`,
  operator: 'count',
  conditions: [{ key, operator, value }],
});

const OPERATOR_CASES: StatCase[] = [
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
        // past int32, which the integer field cannot hold: every row, or none
        cond('success_count', 'lte', 3e9),
        cond('failure_count', 'gt', 3e9),
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
          success_count_lte: 5,
          failure_count_gt: 0,
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
];

export const STAT_CASES: StatCase[] = [
  ...STAT_EXAMPLE_CASES,
  ...OPERATOR_CASES,
  ...STAT_STAGE_CASES,
];
