import type { FilterMessage, QueryMessage, SortKeyMessage, SortMessage } from './job-task.messages';
import { compact, givenFlag, givenList, givenNumber, givenText } from './proto3-fields';
import { valueToJson } from './struct-value.converter';

/**
 * Filter → `{key, value, operator}`. The k/v/o aliases share a oneof with the long names, so at
 * most one of each pair is set; the value stays a JSON value, `null` included (`eq null`).
 */
export function filterToJson(filter: FilterMessage): Record<string, unknown> {
  return compact({
    key: givenText(filter.key ?? filter.k),
    value: valueToJson(filter.value ?? filter.v),
    operator: givenText(filter.operator ?? filter.o),
  });
}

export function filtersToJson(
  filters: readonly FilterMessage[] | null | undefined,
): Record<string, unknown>[] | undefined {
  return givenList(filters)?.map(filterToJson);
}

function sortKeyToJson(sort: SortKeyMessage): Record<string, unknown> {
  return compact({ key: givenText(sort.key), desc: givenFlag(sort.desc) });
}

function sortToJson(sort: SortMessage): Record<string, unknown> {
  return compact({ ...sortKeyToJson(sort), keys: givenList(sort.keys)?.map(sortKeyToJson) });
}

/** spaceone.api.core.v1.Query → the `query` object of a JobTaskQuery JSON body. */
export function queryToJson(query: QueryMessage): Record<string, unknown> {
  return compact({
    filter: filtersToJson(query.filter),
    filter_or: filtersToJson(query.filter_or),
    sort: query.sort ? sortToJson(query.sort) : undefined,
    page: query.page
      ? compact({ start: givenNumber(query.page.start), limit: givenNumber(query.page.limit) })
      : undefined,
    only: givenList(query.only),
    minimal: givenFlag(query.minimal),
    count_only: givenFlag(query.count_only),
    keyword: givenText(query.keyword),
  });
}
