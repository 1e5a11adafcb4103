import { g, type StatCase } from './stat-case';
import { statError, statTask } from './stat-fixtures';

/** The worked examples of spaceone-api.md §4.5, each over the documents its answer implies. */

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

export const STAT_EXAMPLE_CASES: StatCase[] = [
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
];
