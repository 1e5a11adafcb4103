import { parseStatRequest, QueryError, type StatRequest } from '@app/query';
import { runStatOverDocuments } from './api-stat-engine';
import fc from 'fast-check';
import { statDocsArbitrary, statRequestArbitrary } from './stat-arbitraries';
import { evaluateStat } from './stat-evaluator';

const limits = { maxGroups: 8 };

function outcome(run: () => unknown): unknown {
  try {
    return { ok: run() };
  } catch (e) {
    if (e instanceof QueryError) return { error: e.code };
    throw e;
  }
}

describe('stat arbitraries', () => {
  it('should only generate requests the parser accepts', () => {
    fc.assert(
      fc.property(statRequestArbitrary(), (body) => {
        expect(() => parseStatRequest(body, limits)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });

  it('should cover both formats, distinct, every stage and every group operator', () => {
    const seen = new Set<string>();
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v !== null && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          seen.add(k);
          if ((k === 'operator' || k === 'o') && typeof x === 'string') seen.add(`op:${x}`);
          walk(x);
        }
      }
    };
    for (const body of fc.sample(statRequestArbitrary(), { numRuns: 2000, seed: 7 })) walk(body);
    const expected = [
      'aggregate',
      'distinct',
      'page',
      'sort',
      'limit',
      'unwind',
      'group',
      'count',
      'project',
      'skip',
    ];
    const operators = [
      'count',
      'sum',
      'average',
      'max',
      'min',
      'first',
      'last',
      'size',
      'add_to_set',
      'merge_objects',
      'push',
    ];
    for (const k of [
      ...expected,
      ...operators.map((o) => `op:${o}`),
      'conditions',
      'date_format',
      'dateFormat',
      'k',
    ]) {
      expect(seen).toContain(k);
    }
  });

  it('should give the same answer in the API engine and the reference evaluator', () => {
    fc.assert(
      fc.property(statDocsArbitrary(), statRequestArbitrary(), (docs, body) => {
        const req: StatRequest = parseStatRequest(body, limits);
        const api = outcome(() =>
          runStatOverDocuments(docs as unknown as Record<string, unknown>[], req, limits),
        );
        const reference = outcome(() => evaluateStat(docs, req, limits));
        expect(api).toEqual(reference);
      }),
      { numRuns: 400 },
    );
  });
});
