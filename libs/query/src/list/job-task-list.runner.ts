import { buildScopeQuery, JOB_TASK_INFO_FIELDS, queryErrorForRejection } from '../filter';
import { QueryError } from '../errors/query-error';
import { DomainSearchPort, JsonObject } from '../search-port';
import { buildEsSort } from './es-sort.builder';
import { projectJobTaskInfo, toJobTaskInfo } from './job-task-info.mapper';
import { JobTaskListRequest, ListLimits } from './list-request';
import { readThroughPointInTime } from './point-in-time.pager';
import { exactTotal, RESULT_WINDOW, sourcesOf } from './search-window';

export interface JobTasksInfo {
  results: Record<string, unknown>[];
  total_count: number;
}

interface Plan {
  query: JsonObject;
  sort: unknown[];
  source: string[];
}

/** Runs a validated list request through the domain-scoped port (which adds tenancy). */
export async function runJobTaskList(
  req: JobTaskListRequest,
  port: DomainSearchPort,
  limits: ListLimits,
  now: Date,
): Promise<JobTasksInfo> {
  try {
    return await run(req, port, limits, now);
  } catch (error) {
    throw queryErrorForRejection(error) ?? error;
  }
}

async function run(
  req: JobTaskListRequest,
  port: DomainSearchPort,
  limits: ListLimits,
  now: Date,
): Promise<JobTasksInfo> {
  const query = buildScopeQuery(req.scope, now);
  if (req.countOnly) return { results: [], total_count: await port.count(query) };
  const plan: Plan = {
    query,
    sort: buildEsSort(req.sort),
    source: [...(req.only ?? JOB_TASK_INFO_FIELDS)],
  };
  const { sources, total } = req.page
    ? await readRange(port, plan, req.page.start - 1, req.page.limit)
    : await readUnpaged(port, plan, limits.maxUnpagedResults);
  return {
    results: sources.map((source) => projectJobTaskInfo(toJobTaskInfo(source), req.only)),
    total_count: total,
  };
}

async function readRange(port: DomainSearchPort, plan: Plan, offset: number, limit: number) {
  if (offset + limit <= RESULT_WINDOW) {
    const response = await port.search({
      query: plan.query,
      sort: plan.sort,
      from: offset,
      size: limit,
      _source: plan.source,
      track_total_hits: true,
    });
    return { sources: sourcesOf(response.hits.hits), total: exactTotal(response) };
  }
  return readThroughPointInTime(port, { ...plan, offset, limit });
}

async function readUnpaged(port: DomainSearchPort, plan: Plan, cap: number) {
  const tooMany = (total: number) =>
    QueryError.invalid(
      `Parameter is invalid. (key = query.page, reason = ${total} job tasks match, more than the ${cap} an unpaged request may return; use query.page {start, limit})`,
    );
  if (cap <= RESULT_WINDOW) {
    const read = await readRange(port, plan, 0, cap);
    if (read.total > cap) throw tooMany(read.total);
    return read;
  }
  const total = await port.count(plan.query);
  if (total > cap) throw tooMany(total);
  return readThroughPointInTime(port, { ...plan, offset: 0, limit: total });
}
