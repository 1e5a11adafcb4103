import { parseQueryScope, scopeDependsOnClock } from '../../filter';
import { notAJsonObject } from '../../errors/messages';
import { assertPlainRequestData } from '../../errors/plain-request-data.guard';
import { QueryError } from '../../errors/query-error';
import { canonicalize, canonicalName } from './stat-input.canonical';
import { invalidParam, invalidType } from '../stat.errors';
import { parseStatisticsQuery } from './statistics-query.parser';
import type { StatLimits, StatRequest } from '../stat.types';

const SCOPE_KEYS = new Set(['filter', 'filter_or', 'keyword']);

function asObject(value: unknown, key: string): Record<string, unknown> {
  if (value === undefined) throw QueryError.required(key);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalidType(key, 'object');
  }
  return value as Record<string, unknown>;
}

/** Splits the query into the scope (left raw for the filter parser) and the canonicalised rest. */
function splitQuery(query: Record<string, unknown>): {
  scope: Record<string, unknown>;
  rest: Record<string, unknown>;
} {
  const scope: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(query)) {
    const canonical = canonicalName(name);
    if (value === null) continue;
    const target = SCOPE_KEYS.has(canonical) ? scope : rest;
    if (canonical in target) throw invalidParam(`query.${canonical}`, `given twice (as ${name})`);
    target[canonical] = SCOPE_KEYS.has(canonical)
      ? value
      : canonicalize(value, `query.${canonical}`);
  }
  return { scope, rest };
}

/**
 * JobTaskStatQuery → StatRequest. Every client mistake is a QueryError naming the key; `limits` are
 * enforced when the request runs (they depend on the data), so parsing does not consult them.
 */
export function parseStatRequest(raw: unknown, _limits: StatLimits): StatRequest {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw notAJsonObject(raw);
  assertPlainRequestData(raw);
  const body = raw as Record<string, unknown>;
  const top: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body)) {
    const canonical = canonicalName(name);
    if (canonical !== 'query' && canonical !== 'domain_id')
      throw invalidParam(name, `unknown field ${name}`);
    if (canonical in top) throw invalidParam(canonical, `given twice (as ${name})`);
    top[canonical] = value ?? undefined;
  }
  const query = asObject(top.query, 'query');
  const domainId = top.domain_id;
  if (domainId === undefined || domainId === '') throw QueryError.required('domain_id');
  if (typeof domainId !== 'string') throw invalidType('domain_id', 'string');

  const { scope, rest } = splitQuery(query);
  const { body: statBody, page } = parseStatisticsQuery(rest, 'query');
  const parsedScope = parseQueryScope(scope, 'query');
  return {
    domainId,
    scope: parsedScope,
    body: statBody,
    page,
    dependsOnClock: scopeDependsOnClock(parsedScope),
  };
}
