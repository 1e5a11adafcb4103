import { QueryError } from '../../errors/query-error';
import { parseStatRequest } from '../parse/stat-request.parser';
import { runBodyOverRows } from './in-memory.runner';
import { docToRow, renderValue } from './row-value';

const limits = { maxGroups: 10000 };

const task = (id: string, status: string): Record<string, unknown> => ({
  job_task_id: id,
  status,
  created_at: `2026-01-01T00:00:0${id}Z`,
});

describe(runBodyOverRows.name, () => {
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
    const rows = [task('1', 'SUCCESS'), task('2', 'FAILURE'), task('3', 'PENDING')].map(docToRow);
    expect(() => runBodyOverRows(rows, req.body, 2)).toThrow(QueryError);
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
    const results = runBodyOverRows(sparse.map(docToRow), req.body, limits.maxGroups);
    expect(results.map(renderValue)).toEqual([{ p: null }]);
  });
});
