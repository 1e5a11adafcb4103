import type { FilterMessage, QueryMessage, SortKeyMessage, SortMessage } from './job-task.messages';
import { aliased, compact, givenFlag, givenList, givenNumber, givenText } from './proto3-fields';
import { valueToJson } from './struct-value.converter';

/**
 * Filter → `{key, value, operator}`, the k/v/o aliases renamed (a message carrying both spellings
 * keeps both: see `aliased`); the value stays a JSON value, `null` included (`eq null`).
 */
export function filterToJson(filter: FilterMessage): Record<string, unknown> {
  return compact({
    ...aliased('key', 'k', givenText(filter.key), givenText(filter.k)),
    ...aliased('value', 'v', valueToJson(filter.value), valueToJson(filter.v)),
    ...aliased('operator', 'o', givenText(filter.operator), givenText(filter.o)),
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
