import { STAT_CASES } from '@app/testing/reference/stat-cases';
import { STAT_SAMPLE } from '@app/testing/reference/stat-fixtures';
import { QueryError } from '../../errors/query-error';
import { runStatOverDocuments } from './in-memory.runner';
import { parseStatRequest } from '../parse/stat-request.parser';

const limits = { maxGroups: 10000 };
const asSources = (docs: object[]): Record<string, unknown>[] => docs as Record<string, unknown>[];

describe(runStatOverDocuments.name, () => {
  it.each(STAT_CASES.map((c) => [c.name, c] as const))('should answer: %s', (_name, c) => {
    const req = parseStatRequest({ domain_id: 'domain-1', query: c.query }, limits);
    expect(runStatOverDocuments(asSources(c.docs ?? STAT_SAMPLE), req, limits)).toEqual(c.expected);
  });

  it('should refuse more groups than maxGroups in any group stage', () => {
    const req = parseStatRequest(
      {
        domain_id: 'd',
        query: {
          aggregate: [
            { group: { keys: [{ key: 'status', name: 's' }] } },
            { group: { keys: [{ key: 's', name: 'again' }] } },
          ],
        },
      },
      limits,
    );
    expect(() => runStatOverDocuments(asSources(STAT_SAMPLE), req, { maxGroups: 2 })).toThrow(
      QueryError,
    );
  });

  it('should read stored documents with missing optional fields as null', () => {
    const req = parseStatRequest(
      {
        domain_id: 'd',
        query: { aggregate: [{ group: { keys: [{ key: 'provider', name: 'p' }] } }] },
      },
      limits,
    );
    const sparse = [{ job_task_id: 'a', status: 'PENDING', created_at: '2026-01-01T00:00:00Z' }];
    expect(runStatOverDocuments(sparse, req, limits)).toEqual({ results: [{ p: null }] });
  });
});
