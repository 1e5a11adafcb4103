import { buildScopeQuery, DEFAULT_LIST_LIMITS, QueryError, runJobTaskList } from '@app/query';
import fc from 'fast-check';
import { esQueryMatches } from './es-query.model';
import { ModelSearchPort } from './es-search-port.model';
import { arbitraryJobTaskDocs } from './job-task-docs.arbitrary';
import { arbitraryListRequest } from './list-request.arbitrary';
import { evaluateJobTaskList } from './list-evaluator';
import { REFERENCE_NOW } from './reference-pools';
import { matchesScope } from './scope-matcher';

/**
 * The ES translation, run on a model of ES's core queries, against the independent reference
 * evaluator. The same generators later drive the differential test against a real cluster.
 */
describe('translation vs reference (ES query model)', () => {
  it('should select the same documents for random scopes', () => {
    fc.assert(
      fc.property(arbitraryJobTaskDocs({ maxDocs: 16 }), arbitraryListRequest(), (docs, req) => {
        const query = buildScopeQuery(req.scope, REFERENCE_NOW);
        const viaEs = docs.filter((doc) => esQueryMatches(query, doc)).map((d) => d.job_task_id);
        const reference = docs
          .filter((doc) => matchesScope(doc, req.scope, REFERENCE_NOW))
          .map((d) => d.job_task_id);
        expect(viaEs).toEqual(reference);
      }),
      { numRuns: 1500 },
    );
  });

  it('should give the same list answers for random requests', async () => {
    const limits = { ...DEFAULT_LIST_LIMITS, maxUnpagedResults: 8 };
    await fc.assert(
      fc.asyncProperty(
        arbitraryJobTaskDocs({ maxDocs: 16 }),
        arbitraryListRequest(),
        async (docs, req) => {
          let expected: unknown;
          try {
            expected = evaluateJobTaskList(docs, req, limits, REFERENCE_NOW);
          } catch (error) {
            expect(error).toBeInstanceOf(QueryError);
            await expect(
              runJobTaskList(req, new ModelSearchPort(docs), limits, REFERENCE_NOW),
            ).rejects.toBeInstanceOf(QueryError);
            return;
          }
          await expect(
            runJobTaskList(req, new ModelSearchPort(docs), limits, REFERENCE_NOW),
          ).resolves.toEqual(expected);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
