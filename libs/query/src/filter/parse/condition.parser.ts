import { JOB_TASK_FIELDS, lookupField } from '../../fields';
import { QueryError } from '../../errors/query-error';
import { FilterCondition } from '../condition.types';
import {
  FILTER_OPERATORS,
  FilterOperator,
  isFilterOperator,
  isListOperator,
} from '../filter-operators';
import { parseConditionValue, ShapedValue } from './condition-value.parser';
import { describe, invalid, isPlainObject, typeError } from './parse-limits';

const ALIASES = [
  ['key', 'k'],
  ['value', 'v'],
  ['operator', 'o'],
] as const;
const KNOWN_FIELDS = new Set<string>(ALIASES.flat());
const FILTERABLE_KEYS = JOB_TASK_FIELDS.filter((f) => f.filterable).map((f) => f.key);

/** proto3 oneof: either spelling, never both (python-core silently preferred the long one). */
function pick(raw: Record<string, unknown>, long: string, short: string, path: string): unknown {
  if (long in raw && short in raw) {
    throw invalid(path, `give either ${long} or ${short}, not both`);
  }
  return long in raw ? raw[long] : raw[short];
}

/** Parses one `{key|k, value|v, operator|o}` into its typed form; `path` is e.g. `query.filter[2]`. */
export function parseFilterCondition(raw: unknown, path: string): FilterCondition {
  if (!isPlainObject(raw)) throw typeError(path, 'object');
  const [key, value, operator] = ALIASES.map(([long, short]) => pick(raw, long, short, path));
  const unknown = Object.keys(raw).filter((k) => !KNOWN_FIELDS.has(k));
  if (unknown.length > 0) {
    throw invalid(
      path,
      `unknown field ${unknown.join(', ')}; a condition has key, value, operator`,
    );
  }
  const condition = describe(raw);
  const supported = `supported operators = ${FILTER_OPERATORS.join(', ')}`;
  if (operator === undefined || operator === null) {
    throw QueryError.invalid(`Filter operator is required. (${path} = ${condition}, ${supported})`);
  }
  if (typeof operator !== 'string') throw typeError(`${path}.operator`, 'string');
  if (!isFilterOperator(operator)) {
    throw QueryError.invalid(
      `Filter operator is not supported. (operator = ${operator}, ${path} = ${condition}, ${supported})`,
    );
  }
  // A missing value means null (python-core), which only eq/not accept.
  const normalised = value === undefined ? null : value;
  const shaped = shapeOf(operator, normalised, `${path} = ${condition}`);
  if (key === undefined || key === null || key === '') throw QueryError.required(`${path}.key`);
  if (typeof key !== 'string') throw typeError(`${path}.key`, 'string');
  const field = lookupField(key);
  if (!field) {
    throw invalid(
      path,
      `unknown key ${describe(key)}; filterable keys are ${FILTERABLE_KEYS.join(', ')}`,
    );
  }
  if (!field.filterable) throw invalid(path, `${key} is returned but not filterable`);
  return parseConditionValue({ path, field, source: { key, operator, value: normalised } }, shaped);
}

/** The JSON shape each operator's value must have; a mismatch is one of the ERROR_OPERATOR_* codes. */
function shapeOf(op: FilterOperator, value: unknown, where: string): ShapedValue {
  const message = (code: Parameters<typeof operatorError>[0], must: string) =>
    operatorError(code, `The value of '${op} operator' ${must}. (${where})`);
  if (op === 'exists') {
    if (typeof value !== 'boolean')
      throw message('ERROR_OPERATOR_BOOLEAN_TYPE', 'must be a boolean type');
    return { shape: 'boolean', op, value };
  }
  if (op === 'match') {
    if (!isPlainObject(value))
      throw message('ERROR_OPERATOR_DICT_VALUE_TYPE', 'must be a dictionary type');
    return { shape: 'dict', op, value };
  }
  if (isListOperator(op)) {
    if (!Array.isArray(value))
      throw message('ERROR_OPERATOR_LIST_VALUE_TYPE', 'must be a list type');
    return { shape: 'list', op, items: value };
  }
  if (Array.isArray(value))
    throw message('ERROR_OPERATOR_VALUE_TYPE', 'does not support list type');
  if (isPlainObject(value))
    throw QueryError.invalid(`The value of '${op} operator' must be a scalar. (${where})`);
  return { shape: 'scalar', op, value };
}

function operatorError(
  code:
    | 'ERROR_OPERATOR_VALUE_TYPE'
    | 'ERROR_OPERATOR_LIST_VALUE_TYPE'
    | 'ERROR_OPERATOR_BOOLEAN_TYPE'
    | 'ERROR_OPERATOR_DICT_VALUE_TYPE',
  message: string,
): QueryError {
  return new QueryError(code, message);
}
