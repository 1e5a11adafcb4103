import type { ErrorInfo, JobTaskInfo, JobTaskStatus } from '@app/domain';
import fc from 'fast-check';

/**
 * Small value pools so that random tasks collide on keys, dates and sets. Strings include a non-BMP
 * character and one above U+E000, whose code-point order differs from UTF-16 order.
 */
export const STAT_DATES = [
  '2025-12-31T23:59:59.000Z',
  '2026-01-01T00:00:00.000Z',
  '2026-01-01T10:30:00.500Z',
  '2026-02-15T10:30:00.000Z',
  '2026-11-28T10:00:00.000Z',
];
export const STAT_STRINGS = ['aws', 'gcp', 'Aws', 'a\u{1F600}', 'a\uFF5E', ''];
const STATUSES: JobTaskStatus[] = ['PENDING', 'IN_PROGRESS', 'SUCCESS', 'FAILURE'];
const ADDITIONAL = [{}, { a: 1 }, { b: 'x' }, { a: 2, c: null }];

const nullable = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.option(arb, { nil: null });

const errorArb: fc.Arbitrary<ErrorInfo> = fc.record({
  error_code: fc.constantFrom('E1', 'E2', 'E3'),
  message: fc.constantFrom('m1', 'm2', 'm\u{1F600}'),
  additional: fc.constantFrom(...ADDITIONAL),
});

const taskArb = (i: number): fc.Arbitrary<JobTaskInfo> =>
  fc.record({
    job_task_id: fc.constant(`job_task-${String(i).padStart(3, '0')}`),
    domain_id: fc.constant('domain-1'),
    status: fc.constantFrom(...STATUSES),
    // unset counts too (null in answers), which every engine must skip, group under null and sort lowest
    success_count: fc
      .option(fc.integer({ min: 0, max: 6 }), { nil: null, freq: 8 })
      .map((v) => v as number),
    failure_count: fc
      .option(fc.integer({ min: 0, max: 6 }), { nil: null, freq: 8 })
      .map((v) => v as number),
    errors: fc.array(errorArb, { maxLength: 3 }),
    job_id: nullable(fc.constantFrom('job-a', 'job-b')),
    secret_id: nullable(fc.constantFrom('secret-1')),
    provider: nullable(fc.constantFrom(...STAT_STRINGS)),
    service_account_id: nullable(fc.constantFrom('sa-1', 'sa-2')),
    project_id: nullable(fc.constantFrom('project-1', 'project-2', 'project-3')),
    created_at: nullable(fc.constantFrom(...STAT_DATES)),
    started_at: nullable(fc.constantFrom(...STAT_DATES)),
    finished_at: nullable(fc.constantFrom(...STAT_DATES)),
  });

/** Tasks of one domain with unique ids, in no particular order. */
export function statDocsArbitrary(maxLength = 12): fc.Arbitrary<JobTaskInfo[]> {
  return fc
    .integer({ min: 0, max: maxLength })
    .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => taskArb(i))))
    .chain((docs) => fc.shuffledSubarray(docs, { minLength: docs.length, maxLength: docs.length }));
}
