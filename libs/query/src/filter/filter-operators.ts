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

/** Operators whose meaning moves with the clock (`now`), so their answers may not be replayed. */
export function isClockOperator(op: FilterOperator): boolean {
  return (
    op === 'timediff_lt' || op === 'timediff_lte' || op === 'timediff_gt' || op === 'timediff_gte'
  );
}

/** The JSON shape each operator's value must have; a mismatch is one of the ERROR_OPERATOR_* codes. */
export type OperatorValueShape = 'scalar' | 'list' | 'boolean' | 'dict';

export function operatorValueShape(op: FilterOperator): OperatorValueShape {
  switch (op) {
    case 'in':
    case 'not_in':
    case 'contain_in':
    case 'not_contain_in':
    case 'regex_in':
      return 'list';
    case 'exists':
      return 'boolean';
    case 'match':
      return 'dict';
    case 'eq':
    case 'not':
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
    case 'contain':
    case 'not_contain':
    case 'regex':
    case 'datetime_lt':
    case 'datetime_lte':
    case 'datetime_gt':
    case 'datetime_gte':
    case 'timediff_lt':
    case 'timediff_lte':
    case 'timediff_gt':
    case 'timediff_gte':
      return 'scalar';
    default: {
      const unreachable: never = op;
      return unreachable;
    }
  }
}

/** Comparison direction shared by lt/lte/gt/gte and their datetime_/timediff_ forms. */
export type Comparison = 'lt' | 'lte' | 'gt' | 'gte';

export function comparisonOf(
  op: 'lt' | 'lte' | 'gt' | 'gte' | `datetime_${Comparison}` | `timediff_${Comparison}`,
): Comparison {
  return op.replace(/^(datetime|timediff)_/, '') as Comparison;
}
