import { JobTaskInfo } from '@app/domain';
import { DEFAULT_LIST_LIMITS, runJobTaskList, SORTABLE_KEYS } from '@app/query';
import fc from 'fast-check';
import { ModelSearchPort } from './es-search-port.model';
import { evaluateJobTaskList } from './list-evaluator';
import {
  COUNT_VALUES,
  DATE_VALUES,
  REFERENCE_DOMAIN,
  REFERENCE_NOW,
  TEXT_VALUES,
} from './reference-pools';

const pick = <T>(pool: readonly T[], i: number, salt: number): T | null =>
  (i * salt) % 7 === 0 ? null : (pool[(i * salt) % pool.length] as T);

/** Past the 10,000 window with heavy ties and nulls in every sort key. */
const DOCS: JobTaskInfo[] = Array.from({ length: 10_040 }, (_, i) => ({
  job_task_id: `task-${String((i * 7919) % 10_040).padStart(5, '0')}`,
  domain_id: REFERENCE_DOMAIN,
  status: (['PENDING', 'SUCCESS', 'FAILURE'] as const)[i % 3] ?? 'PENDING',
  success_count: COUNT_VALUES[i % COUNT_VALUES.length] ?? 0,
  failure_count: 0,
  errors: [],
  job_id: pick(TEXT_VALUES, i, 3),
  secret_id: null,
  provider: pick(['aws', 'AWS', 'gcp'], i, 5),
  service_account_id: null,
  project_id: null,
  created_at: pick(DATE_VALUES, i, 11),
  started_at: pick(DATE_VALUES, i, 13),
  finished_at: null,
}));

describe('deep paging vs reference (ES query model)', () => {
  it('should return the same pages past the window for random sorts', async () => {
    const request = fc.record({
      sort: fc.array(fc.record({ key: fc.constantFrom(...SORTABLE_KEYS), desc: fc.boolean() }), {
        maxLength: 3,
      }),
      page: fc.record({
        start: fc.integer({ min: 9_980, max: 10_045 }),
        limit: fc.integer({ min: 1, max: 30 }),
      }),
    });
    await fc.assert(
      fc.asyncProperty(request, async ({ sort, page }) => {
        const req = {
          domainId: REFERENCE_DOMAIN,
          scope: { filter: [], filterOr: [], keywordTokens: [] },
          sort,
          page,
          only: ['job_task_id', 'job_id', 'created_at'],
          countOnly: false,
          dependsOnClock: false,
        };
        const port = new ModelSearchPort(DOCS);
        const actual = await runJobTaskList(req, port, DEFAULT_LIST_LIMITS, REFERENCE_NOW);
        expect(actual).toEqual(evaluateJobTaskList(DOCS, req, DEFAULT_LIST_LIMITS, REFERENCE_NOW));
        expect(port.openPits.size).toBe(0);
      }),
      { numRuns: 8 },
    );
  });
});
