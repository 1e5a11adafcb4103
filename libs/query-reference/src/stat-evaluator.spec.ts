import { parseStatRequest, QueryError } from '@app/query';
import { STAT_CASES } from './stat-cases';
import { evaluateStat } from './stat-evaluator';
import { STAT_SAMPLE } from './stat-fixtures';

const limits = { maxGroups: 10000 };

describe(evaluateStat.name, () => {
  it.each(STAT_CASES.map((c) => [c.name, c] as const))('should answer: %s', (_name, c) => {
    const req = parseStatRequest({ domain_id: 'domain-1', query: c.query }, limits);
    expect(evaluateStat(c.docs ?? STAT_SAMPLE, req)).toEqual(c.expected);
  });

  it('should refuse more groups than the limit', () => {
    const req = parseStatRequest(
      {
        domain_id: 'd',
        query: { aggregate: [{ group: { keys: [{ key: 'job_task_id', name: 'id' }] } }] },
      },
      limits,
    );
    expect(() => evaluateStat(STAT_SAMPLE, req, { maxGroups: 4 })).toThrow(QueryError);
    expect(evaluateStat(STAT_SAMPLE, req, { maxGroups: 5 }).results).toHaveLength(5);
  });
});
