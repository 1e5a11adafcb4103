import { buildScopeQuery } from '../filter';
import type { DomainSearchPort, JsonObject } from '../search-port';
import { distinctFromIndex } from './push-down/distinct.runner';
import { orderDistinct } from './in-memory/distinct.rows';
import { asObject, docCount } from './push-down/es-json';
import { runGroupPlan } from './push-down/group-agg.runner';
import { choosePlan, type StatPlan } from './plan/plan.selector';
import { pageResults, runBodyOverRows } from './in-memory/in-memory.runner';
import { keyNamesAfter, runStages } from './in-memory/row-pipeline.engine';
import { type Row, type RowValue, renderValue } from './in-memory/row-value';
import { scanRows } from './in-memory/scan.reader';
import { ScanRequired } from './plan/scan-required';
import { runTopTerms, topTermsPlan } from './push-down/top-terms.push-down';
import {
  DEFAULT_STAT_LIMITS,
  type StatBody,
  type StatLimits,
  type StatRequest,
  type StatResult,
} from './stat.types';

interface Resolved {
  maxGroups: number;
  maxScanDocs: number;
  singleShardPlans: boolean;
}

async function countRows(
  port: DomainSearchPort,
  query: JsonObject,
  nested: boolean,
): Promise<number> {
  if (!nested) return port.count(query);
  const res = await port.search({
    size: 0,
    query,
    track_total_hits: false,
    aggs: { rows: { nested: { path: 'errors' } } },
  });
  return docCount(asObject(res.aggregations).rows);
}

async function runPushdown(
  plan: Exclude<StatPlan, { path: 'scan' }>,
  port: DomainSearchPort,
  query: JsonObject,
  limits: Resolved,
): Promise<Row[]> {
  let head: Row[];
  let keyNames: string[] = [];
  if (plan.path === 'count') {
    const n = await countRows(port, query, plan.nested);
    head = n === 0 ? [] : [{ [plan.name]: n }];
  } else {
    const top = limits.singleShardPlans ? topTermsPlan(plan) : null;
    const pushed = top && (await runTopTerms(port, query, top, limits.maxGroups));
    head = pushed ?? (await runGroupPlan(port, query, plan.group, plan.nested, limits.maxGroups));
    keyNames = keyNamesAfter(plan.group, []);
  }
  return runStages(head, plan.rest, limits.maxGroups, keyNames);
}

async function runAggregate(
  body: StatBody & { kind: 'aggregate' },
  port: DomainSearchPort,
  query: JsonObject,
  limits: Resolved,
): Promise<RowValue[]> {
  const plan = choosePlan(body.stages);
  const scan = async (reason: string): Promise<RowValue[]> =>
    runBodyOverRows(
      await scanRows(port, query, limits.maxScanDocs, reason),
      body,
      limits.maxGroups,
    );
  if (plan.path === 'scan') return scan(plan.reason);
  try {
    return await runPushdown(plan, port, query, limits);
  } catch (e) {
    if (e instanceof ScanRequired) return scan(e.message);
    throw e;
  }
}

async function runDistinct(
  body: StatBody & { kind: 'distinct' },
  port: DomainSearchPort,
  query: JsonObject,
  limits: Resolved,
): Promise<RowValue[]> {
  try {
    const values = await distinctFromIndex(port, query, body.field, limits.maxGroups);
    return orderDistinct(values, body.desc, body.limit);
  } catch (e) {
    if (!(e instanceof ScanRequired)) throw e;
    const rows = await scanRows(port, query, limits.maxScanDocs, e.message);
    return runBodyOverRows(rows, body, limits.maxGroups);
  }
}

/**
 * Runs a parsed stat request. The port is already confined to the request's domain; `now` resolves
 * the filter's relative times (timediff) once, so every page of one request sees the same instant.
 */
export async function runStat(
  req: StatRequest,
  port: DomainSearchPort,
  limits: StatLimits,
  now: Date,
): Promise<StatResult> {
  const resolved: Resolved = {
    maxGroups: limits.maxGroups,
    maxScanDocs: limits.maxScanDocs ?? DEFAULT_STAT_LIMITS.maxScanDocs,
    singleShardPlans: limits.singleShardPlans ?? DEFAULT_STAT_LIMITS.singleShardPlans,
  };
  const query = buildScopeQuery(req.scope, now);
  const rows =
    req.body.kind === 'distinct'
      ? await runDistinct(req.body, port, query, resolved)
      : await runAggregate(req.body, port, query, resolved);
  return pageResults(rows.map(renderValue), req.page);
}
