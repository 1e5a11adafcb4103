import {
  JOB_TASK_INFO_FIELDS,
  JobTaskListRequest,
  MINIMAL_FIELDS,
  scopeDependsOnClock,
  SORTABLE_KEYS,
} from '@app/query';
import fc from 'fast-check';
import { arbitraryFilterCondition } from './filter-condition.arbitrary';
import { REFERENCE_DOMAIN } from './reference-pools';

const PUBLIC_FIELDS = [...JOB_TASK_INFO_FIELDS];

export interface ListRequestOptions {
  domainId?: string;
  /** largest generated page.start (keep it near the document count to hit real pages) */
  maxStart?: number;
  maxLimit?: number;
}

/** Random validated list requests: every operator, filter_or, keyword, sort, page, only, count_only. */
export function arbitraryListRequest(
  options: ListRequestOptions = {},
): fc.Arbitrary<JobTaskListRequest> {
  const condition = arbitraryFilterCondition();
  return fc
    .record({
      domainId: fc.constant(options.domainId ?? REFERENCE_DOMAIN),
      scope: fc.record({
        filter: fc.array(condition, { maxLength: 3 }),
        filterOr: fc.array(condition, { maxLength: 2 }),
        keywordTokens: fc.array(fc.constantFrom('job', 'TASK', '1', 'a.b', '?', 'é', 'a*'), {
          maxLength: 2,
        }),
      }),
      sort: fc.array(fc.record({ key: fc.constantFrom(...SORTABLE_KEYS), desc: fc.boolean() }), {
        maxLength: 3,
      }),
      page: fc.option(
        fc.record({
          start: fc.integer({ min: 1, max: options.maxStart ?? 15 }),
          limit: fc.integer({ min: 1, max: options.maxLimit ?? 8 }),
        }),
        { nil: null },
      ),
      only: fc.oneof(
        { arbitrary: fc.constant(null), weight: 3 },
        { arbitrary: fc.shuffledSubarray(PUBLIC_FIELDS, { minLength: 1 }), weight: 2 },
        { arbitrary: fc.constant([...MINIMAL_FIELDS] as string[]), weight: 1 },
      ),
      countOnly: fc.oneof(
        { arbitrary: fc.constant(false), weight: 5 },
        { arbitrary: fc.constant(true), weight: 1 },
      ),
    })
    .map((request) => ({ ...request, dependsOnClock: scopeDependsOnClock(request.scope) }));
}
