import { choosePlan } from './plan.selector';
import { parseStatRequest } from '../parse/stat-request.parser';
import type { Stage } from '../stat.types';

const stages = (aggregate: unknown[]): Stage[] => {
  const req = parseStatRequest({ domain_id: 'd', query: { aggregate } }, { maxGroups: 10 });
  if (req.body.kind !== 'aggregate') throw new Error('aggregate expected');
  return req.body.stages;
};
const group = (keys: string[], fields: unknown[] = []): unknown => ({
  group: { keys: keys.map((key, i) => ({ key, name: `k${i}` })), fields },
});
const unwind = { unwind: { path: 'errors' } };
const count = { name: 'n', operator: 'count' };

const cases: [string, unknown[], string, boolean | null, number][] = [
  ['a plain group', [group(['status'], [count])], 'group', false, 0],
  [
    'a group after unwinding errors, on error keywords',
    [unwind, group(['errors.error_code'], [count])],
    'group',
    true,
    0,
  ],
  [
    'later stages stay in the API',
    [group(['status'], [count]), { sort: { key: 'n' } }, { limit: 1 }],
    'group',
    false,
    2,
  ],
  [
    'a sort before an order-insensitive group',
    [{ sort: { key: 'created_at' } }, group(['status'], [count])],
    'group',
    false,
    0,
  ],
  ['a count stage', [{ count: { name: 'n' } }, { limit: 1 }], 'count', false, 1],
  ['a count after unwind', [unwind, { count: { name: 'n' } }], 'count', true, 0],
  [
    'sum and min/max on indexed fields',
    [
      group(
        [],
        [
          { name: 's', operator: 'sum', key: 'success_count' },
          { name: 'm', operator: 'max', key: 'provider' },
        ],
      ),
    ],
    'group',
    false,
    0,
  ],
  [
    'first/last without a preceding sort',
    [group(['status'], [{ name: 'f', operator: 'first', key: 'errors' }])],
    'group',
    false,
    0,
  ],
  [
    'a date_format key',
    [{ group: { keys: [{ key: 'created_at', name: 'm', date_format: '%m' }] } }],
    'group',
    false,
    0,
  ],
  [
    'first after a sort',
    [
      { sort: { key: 'created_at' } },
      group(['status'], [{ name: 'f', operator: 'first', key: 'job_id' }]),
    ],
    'scan',
    null,
    0,
  ],
  ['push', [group(['status'], [{ name: 'p', operator: 'push', key: 'job_id' }])], 'scan', null, 0],
  [
    'merge_objects',
    [unwind, group([], [{ name: 'm', operator: 'merge_objects', key: 'errors.additional' }])],
    'scan',
    null,
    0,
  ],
  ['a parent key after unwind', [unwind, group(['status'], [count])], 'scan', null, 0],
  [
    'a parent field after unwind',
    [unwind, group(['errors.error_code'], [{ name: 'm', operator: 'min', key: 'job_id' }])],
    'scan',
    null,
    0,
  ],
  [
    'first/last after unwind',
    [
      unwind,
      group(['errors.error_code'], [{ name: 'f', operator: 'first', key: 'errors.message' }]),
    ],
    'scan',
    null,
    0,
  ],
  [
    'a condition on a parent field after unwind',
    [
      unwind,
      group(
        [],
        [
          {
            name: 'c',
            operator: 'count',
            conditions: [{ key: 'status', operator: 'eq', value: 'SUCCESS' }],
          },
        ],
      ),
    ],
    'scan',
    null,
    0,
  ],
  ['a limit before the group', [{ limit: 5 }, group(['status'], [count])], 'scan', null, 0],
  ['no group or count at all', [{ sort: { key: 'created_at' } }, { limit: 5 }], 'scan', null, 0],
  [
    'a project first',
    [{ project: { fields: [{ key: 'status' }] } }, group(['status'])],
    'scan',
    null,
    0,
  ],
];

describe(choosePlan.name, () => {
  it.each(cases)('should plan %s', (_name, aggregate, path, nested, restLength) => {
    const sut = choosePlan(stages(aggregate));
    expect(sut.path).toBe(path);
    if (sut.path !== 'scan') {
      expect(sut.nested).toBe(nested);
      expect(sut.rest).toHaveLength(restLength);
    }
  });
});
