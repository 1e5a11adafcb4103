import { docToRow, renderValue } from '@app/query/stat/in-memory/row-value';
import { pageResults, runBodyOverRows } from '@app/query/stat/in-memory/in-memory.runner';
import type { StatBody, StatLimits, StatPage, StatResult } from '@app/query';

/**
 * The API's own in-memory stat engine (the one its scan path runs) over documents already in scope,
 * so specs can hold it against the hand cases and the reference evaluator without Elasticsearch.
 */
export function runStatOverDocuments(
  sources: readonly Record<string, unknown>[],
  req: { body: StatBody; page: StatPage | null },
  limits: StatLimits,
): StatResult {
  const rows = sources.map(docToRow);
  return pageResults(runBodyOverRows(rows, req.body, limits.maxGroups).map(renderValue), req.page);
}
