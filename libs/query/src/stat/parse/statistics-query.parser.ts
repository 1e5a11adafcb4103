import { QueryError } from '../../errors/query-error';
import { describeKind, isScalar, JOB_TASK_COLUMNS, resolveKind } from '../field-kind';
import { validatePipeline } from './pipeline.validator';
import { type LocatedStage, parseFormatA, parseFormatB } from './stage.parser';
import { invalidParam, parseWith } from '../stat.errors';
import { formatASortSchema, pageSchema, statisticsQuerySchema } from './stat.schema';
import type { StatBody, StatPage } from '../stat.types';

type CanonicalQuery = Record<string, unknown>;

const SCOPE_KEYS = ['filter', 'filter_or', 'keyword'] as const;

// Built once: zod compiles a derived schema on each `.omit`, ~40 µs per stat request when it was built per call.
const nonStageKeysSchema = statisticsQuerySchema.omit({
  aggregate: true,
  filter: true,
  filter_or: true,
  keyword: true,
});

function parsePage(raw: unknown, path: string): StatPage | null {
  const page = parseWith(pageSchema, raw ?? {}, path);
  if (page.limit === undefined || page.limit === 0) return null;
  return { start: Math.max(1, page.start ?? 1), limit: page.limit };
}

function checkDistinctField(field: string, path: string): void {
  const kind = resolveKind(JOB_TASK_COLUMNS, field);
  if (kind === null) throw invalidParam(path, `unknown key '${field}'`);
  const element = kind.t === 'array' ? kind.of : kind;
  if (!isScalar(element)) {
    throw invalidParam(path, `'${field}' holds ${describeKind(kind)} values, which have no order`);
  }
}

/**
 * The StatisticsQuery minus its scope (filter, filter_or, keyword), already canonicalised. Format A
 * is recognised by an object `aggregate`, Format B by a list; `aggregate` wins over `distinct`.
 */
export function parseStatisticsQuery(
  query: CanonicalQuery,
  path: string,
): { body: StatBody; page: StatPage | null } {
  const rest = Object.fromEntries(
    Object.entries(query).filter(([k]) => !(SCOPE_KEYS as readonly string[]).includes(k)),
  );
  // Type-check the non-stage keys first, so e.g. an unknown top-level key names itself.
  parseWith(
    nonStageKeysSchema,
    Object.fromEntries(Object.entries(rest).filter(([k]) => k !== 'aggregate')),
    path,
  );
  const { aggregate, distinct, sort, limit, page } = rest;
  const formatALimit = typeof limit === 'number' && limit > 0 ? limit : null;
  if (formatALimit !== null && page !== undefined) {
    throw invalidParam(`${path}.limit`, 'give either limit or page, not both');
  }
  const parsedPage = parsePage(page, `${path}.page`);

  // SpaceONE tests `if aggregate:`, so an empty list or object falls through to distinct.
  const hasAggregate = Array.isArray(aggregate)
    ? aggregate.length > 0
    : aggregate !== undefined &&
      !(typeof aggregate === 'object' && aggregate !== null && Object.keys(aggregate).length === 0);
  if (hasAggregate) {
    const located: LocatedStage[] = Array.isArray(aggregate)
      ? parseFormatB(aggregate, `${path}.aggregate`)
      : parseFormatA(aggregate, `${path}.aggregate`);
    const format = Array.isArray(aggregate) ? 'B' : 'A';
    if (format === 'B' && (sort !== undefined || formatALimit !== null)) {
      const key = sort !== undefined ? 'sort' : 'limit';
      throw invalidParam(
        `${path}.${key}`,
        `Format A only; use a ${key} stage in the aggregate list`,
      );
    }
    if (sort !== undefined) {
      const { name, desc } = parseWith(formatASortSchema, sort, `${path}.sort`);
      if (name === undefined) throw QueryError.required(`${path}.sort.name`);
      located.push({
        stage: { stage: 'sort', keys: [{ key: name, desc: desc ?? false }] },
        path: `${path}.sort`,
        sortKeyPaths: [`${path}.sort.name`],
      });
    }
    if (formatALimit !== null) {
      located.push({ stage: { stage: 'limit', count: formatALimit }, path: `${path}.limit` });
    }
    return {
      body: { kind: 'aggregate', format, stages: validatePipeline(located) },
      page: parsedPage,
    };
  }
  if (typeof distinct === 'string') {
    checkDistinctField(distinct, `${path}.distinct`);
    const desc =
      sort !== undefined && parseWith(formatASortSchema, sort, `${path}.sort`).desc === true;
    return {
      body: { kind: 'distinct', field: distinct, desc, limit: formatALimit },
      page: parsedPage,
    };
  }
  throw QueryError.required('aggregate');
}
