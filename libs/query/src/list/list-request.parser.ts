import { JOB_TASK_STATUSES } from '@app/domain';
import {
  FilterCondition,
  isJobTaskInfoField,
  JOB_TASK_INFO_FIELDS,
  MINIMAL_FIELDS,
  parseFilterCondition,
  parseQueryScope,
  scopeDependsOnClock,
} from '../filter';
import { invalid, isPlainObject } from '../filter/parse/parse-limits';
import { notAJsonObject } from '../errors/messages';
import { assertPlainRequestData } from '../errors/plain-request-data.guard';
import { QueryError } from '../errors/query-error';
import { parseWith } from '../errors/zod-issue.mapper';
import {
  jobTaskQuerySchema,
  JobTaskQueryInput,
  ListQueryInput,
  SHORTCUT_FIELDS,
} from './job-task-query.schema';
import { JobTaskListRequest, ListLimits, PageRequest } from './list-request';
import { protoJsonFields } from './proto-json';
import { parseSort } from './sort.parser';

const REQUEST_FIELDS = [...SHORTCUT_FIELDS, 'query', 'domain_id'];
const QUERY_FIELDS = [
  'filter',
  'filter_or',
  'sort',
  'page',
  'only',
  'minimal',
  'count_only',
  'keyword',
];
const UINT32_MAX = 4_294_967_295;

/** Rewrites the message levels proto3 JSON lets clients spell differently. */
function canonical(raw: Record<string, unknown>): Record<string, unknown> {
  const request = protoJsonFields(raw, REQUEST_FIELDS, '');
  if (isPlainObject(request.query)) {
    const query = protoJsonFields(request.query, QUERY_FIELDS, 'query.');
    for (const level of ['sort', 'page'] as const) {
      const value = query[level];
      if (isPlainObject(value))
        query[level] = protoJsonFields(value, Object.keys(value), `query.${level}.`);
    }
    request.query = query;
  }
  return request;
}

/** Validates a whole JobTaskQuery (body or decoded URL parameters); throws QueryError. */
export function parseJobTaskListRequest(raw: unknown, limits: ListLimits): JobTaskListRequest {
  if (!isPlainObject(raw)) throw notAJsonObject(raw);
  assertPlainRequestData(raw);
  const request = canonical(raw);
  if (request.domain_id === undefined || request.domain_id === '') {
    throw QueryError.required('domain_id');
  }
  const input = parseWith(jobTaskQuerySchema, request, '');
  const query: ListQueryInput = input.query ?? {};
  const scope = parseQueryScope(isPlainObject(request.query) ? request.query : {}, 'query');
  scope.filter.push(...shortcutConditions(input));
  return {
    domainId: input.domain_id,
    scope,
    sort: parseSort(query.sort, 'query.sort'),
    page: parsePage(query.page, limits),
    only: query.minimal ? [...MINIMAL_FIELDS] : parseOnly(query.only),
    countOnly: query.count_only ?? false,
    dependsOnClock: scopeDependsOnClock(scope),
  };
}

/** Top-level fields become conditions AND-ed with query.filter: scalar → eq, list → in. */
function shortcutConditions(input: JobTaskQueryInput): FilterCondition[] {
  const conditions: FilterCondition[] = [];
  for (const key of SHORTCUT_FIELDS) {
    const value = input[key];
    if (value === undefined) continue;
    const normalised = key === 'status' ? statusNames(value) : value;
    const operator = Array.isArray(normalised) ? 'in' : 'eq';
    conditions.push(parseFilterCondition({ key, value: normalised, operator }, key));
  }
  return conditions;
}

type StatusValue = string | number;
type StatusInput = StatusValue | StatusValue[];

function statusNames(value: StatusInput): string | string[] {
  const name = (v: StatusValue): string => {
    if (typeof v === 'string' && !/^\d+$/.test(v)) return v;
    const status = JOB_TASK_STATUSES[Number(v)];
    if (status === undefined) throw invalid('status', `no status has the number ${v}`);
    return status;
  };
  return Array.isArray(value) ? value.map(name) : name(value);
}

function parsePage(page: ListQueryInput['page'], limits: ListLimits): PageRequest | null {
  const limit = page?.limit ?? 0;
  const start = page?.start ?? 1;
  if (limit < 0) throw invalid('query.page.limit', 'must not be negative');
  if (limit > limits.maxLimit) {
    throw invalid('query.page.limit', `must be at most ${limits.maxLimit}`);
  }
  if (start > UINT32_MAX) throw invalid('query.page.start', `must be at most ${UINT32_MAX}`);
  if (limit === 0) return null;
  return { start: Math.max(1, start), limit };
}

function parseOnly(only: string[] | undefined): string[] | null {
  // proto3 cannot tell an empty repeated field from an absent one: [] means every field.
  if (!only || only.length === 0) return null;
  only.forEach((field, i) => {
    if (!isJobTaskInfoField(field)) {
      throw invalid(
        `query.only[${i}]`,
        `unknown field ${field}; fields are ${JOB_TASK_INFO_FIELDS.join(', ')}`,
      );
    }
  });
  return [...new Set(only)];
}
