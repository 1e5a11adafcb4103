import type { FilterCondition, JobTaskListRequest } from '@app/query';

/**
 * The JSON body a client would send for a parsed list request. The test re-parses this body with the
 * API's own parser before evaluating, so the evaluator and the API always judge the same request.
 */
export function listRequestToBody(
  req: JobTaskListRequest,
  domainId: string,
): Record<string, unknown> {
  const condition = ({ source }: FilterCondition) => ({
    key: source.key,
    value: source.value,
    operator: source.operator,
  });
  const query: Record<string, unknown> = {
    filter: req.scope.filter.map(condition),
    filter_or: req.scope.filterOr.map(condition),
  };
  if (req.scope.keywordTokens.length > 0) query.keyword = req.scope.keywordTokens.join(' ');
  if (req.sort.length > 0)
    query.sort = { keys: req.sort.map((s) => ({ key: s.key, desc: s.desc })) };
  if (req.page) query.page = req.page;
  if (req.only) query.only = req.only;
  if (req.countOnly) query.count_only = true;
  return { domain_id: domainId, query };
}
