/** The 24 SpaceONE filter operators (python-core `FILTER_OPERATORS`), and nothing else. */
export const FILTER_OPERATORS = [
  'eq',
  'not',
  'lt',
  'lte',
  'gt',
  'gte',
  'exists',
  'contain',
  'not_contain',
  'in',
  'not_in',
  'contain_in',
  'not_contain_in',
  'match',
  'regex',
  'regex_in',
  'datetime_lt',
  'datetime_lte',
  'datetime_gt',
  'datetime_gte',
  'timediff_lt',
  'timediff_lte',
  'timediff_gt',
  'timediff_gte',
] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

export function isFilterOperator(value: unknown): value is FilterOperator {
  return typeof value === 'string' && (FILTER_OPERATORS as readonly string[]).includes(value);
}

/** The operators whose value is a list; `exists` takes a boolean, `match` an object, the rest a scalar. */
export type ListOperator = 'in' | 'not_in' | 'contain_in' | 'not_contain_in' | 'regex_in';
export type ScalarOperator = Exclude<FilterOperator, ListOperator | 'exists' | 'match'>;

export function isListOperator(op: FilterOperator): op is ListOperator {
  return (
    op === 'in' ||
    op === 'not_in' ||
    op === 'contain_in' ||
    op === 'not_contain_in' ||
    op === 'regex_in'
  );
}

/** Comparison direction shared by lt/lte/gt/gte and their datetime_/timediff_ forms. */
export type Comparison = 'lt' | 'lte' | 'gt' | 'gte';

export function comparisonOf(
  op: 'lt' | 'lte' | 'gt' | 'gte' | `datetime_${Comparison}` | `timediff_${Comparison}`,
): Comparison {
  return op.replace(/^(datetime|timediff)_/, '') as Comparison;
}
