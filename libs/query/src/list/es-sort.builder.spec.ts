import { buildEsSort } from './es-sort.builder';
import { effectiveSort } from './list-request';

describe('buildEsSort', () => {
  it.each([
    [
      [{ key: 'status', desc: false }],
      [
        { status: { order: 'asc', missing: '_first' } },
        { job_task_id: { order: 'asc', missing: '_first' } },
      ],
    ],
    [
      [{ key: 'job_id', desc: true }],
      [
        { job_id: { order: 'desc', missing: '_last' } },
        { job_task_id: { order: 'asc', missing: '_first' } },
      ],
    ],
    [
      [{ key: 'success_count', desc: true }],
      [
        { success_count: { order: 'desc', missing: -2_147_483_648 } },
        { job_task_id: { order: 'asc', missing: '_first' } },
      ],
    ],
    [
      [{ key: 'finished_at', desc: false }],
      [
        { finished_at: { order: 'asc', missing: -8_640_000_000_000_001 } },
        { job_task_id: { order: 'asc', missing: '_first' } },
      ],
    ],
    [[{ key: 'job_task_id', desc: true }], [{ job_task_id: { order: 'desc', missing: '_last' } }]],
    [
      [],
      [
        { created_at: { order: 'desc', missing: -8_640_000_000_000_001 } },
        { job_task_id: { order: 'asc', missing: '_first' } },
      ],
    ],
  ])('%j', (sort, expected) => {
    expect(buildEsSort(sort)).toEqual(expected);
  });

  it('should keep sentinels exactly representable', () => {
    expect(Number.isSafeInteger(-8_640_000_000_000_001)).toBe(true);
    expect(
      effectiveSort([
        { key: 'status', desc: true },
        { key: 'job_task_id', desc: false },
      ]),
    ).toHaveLength(2);
  });
});
