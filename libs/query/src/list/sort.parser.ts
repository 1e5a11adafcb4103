import { lookupField, SORTABLE_KEYS } from '../filter';
import { invalid } from '../filter/parse/parse-limits';
import { QueryError } from '../errors/query-error';
import { ListQueryInput } from './job-task-query.schema';
import { DEFAULT_SORT, ListSortKey } from './list-request';

const MAX_SORT_KEYS = 10;

function sortKey(key: string | undefined, desc: boolean | undefined, path: string): ListSortKey {
  if (key === undefined || key === '') throw QueryError.required(`${path}.key`);
  if (!lookupField(key)?.sortable) {
    throw invalid(
      `${path}.key`,
      `cannot sort by ${key}; sortable keys are ${SORTABLE_KEYS.join(', ')}`,
    );
  }
  return { key, desc: desc ?? false };
}

/** `{key, desc}` (2020) or `{keys: [...]}` (2021+); neither → the default order. */
export function parseSort(sort: ListQueryInput['sort'], path: string): ListSortKey[] {
  if (!sort) return [...DEFAULT_SORT];
  if (sort.key !== undefined && sort.keys !== undefined) {
    throw invalid(path, 'give either key or keys, not both');
  }
  if (sort.key !== undefined && sort.key !== '') return [sortKey(sort.key, sort.desc, path)];
  const keys = sort.keys ?? [];
  if (keys.length > MAX_SORT_KEYS) throw invalid(`${path}.keys`, `at most ${MAX_SORT_KEYS} keys`);
  if (keys.length === 0) return [...DEFAULT_SORT];
  return keys.map((k, i) => sortKey(k.key, k.desc, `${path}.keys[${i}]`));
}
