import { QueryError } from '../../errors/query-error';
import { SUPPORTED_DATE_SPECIFIERS, tokenizeDatePattern } from '../date-format';
import { invalidParam, parseWith } from '../stat.errors';
import { groupSchema } from './stat.schema';
import type { DateFormat, FieldCondition, GroupField, GroupKey, Stage } from '../stat.types';

type RawGroupField = NonNullable<ReturnType<typeof groupSchema.parse>['fields']>[number];

/** Output names become row keys: MongoDB forbids `.` and a leading `$` in them. */
export function checkOutputName(name: string, path: string): void {
  if (name.includes('.') || name.startsWith('$')) {
    throw invalidParam(path, `name '${name}' may not contain '.' or start with '$'`);
  }
}

export function checkUniqueNames(names: { name: string; path: string }[]): void {
  const seen = new Set<string>();
  for (const { name, path } of names) {
    if (seen.has(name)) throw invalidParam(path, `name '${name}' is used twice`);
    seen.add(name);
  }
}

function parseDateFormat(raw: string, path: string): DateFormat {
  if (raw === 'year' || raw === 'month' || raw === 'day') return { kind: 'part', part: raw };
  const tokens = tokenizeDatePattern(raw);
  if (typeof tokens === 'string') {
    throw invalidParam(
      path,
      `unsupported specifier ${tokens} (supported = ${SUPPORTED_DATE_SPECIFIERS}, or year, month, day)`,
    );
  }
  return { kind: 'pattern', pattern: raw };
}

function parseConditions(raw: RawGroupField['conditions']): FieldCondition[] {
  // Values are re-typed against the key's kind by the pipeline validator.
  return (raw ?? []).map((c) => ({ key: c.key, operator: c.operator, value: c.value }));
}

function requireKey(raw: RawGroupField, path: string): string {
  if (raw.key === undefined) throw QueryError.required(`${path}.key`);
  return raw.key;
}

function parseField(raw: RawGroupField, path: string): GroupField {
  const { operator, name } = raw;
  if (raw.conditions !== undefined && !['count', 'sum', 'average'].includes(operator)) {
    throw invalidParam(`${path}.conditions`, 'conditions apply only to count, sum and average');
  }
  if (raw.fields !== undefined && operator !== 'push') {
    throw invalidParam(`${path}.fields`, 'sub-fields apply only to push');
  }
  switch (operator) {
    case 'count':
      return { operator, name, conditions: parseConditions(raw.conditions) };
    case 'sum':
    case 'average':
      return {
        operator,
        name,
        key: requireKey(raw, path),
        conditions: parseConditions(raw.conditions),
      };
    case 'push': {
      if (raw.key !== undefined && raw.fields !== undefined) {
        throw invalidParam(`${path}.fields`, 'push takes either key or fields, not both');
      }
      if (raw.fields === undefined)
        return { operator, name, key: requireKey(raw, path), fields: [] };
      if (raw.fields.length === 0) throw QueryError.required(`${path}.fields`);
      raw.fields.forEach((f, i) => checkOutputName(f.name, `${path}.fields[${i}].name`));
      checkUniqueNames(
        raw.fields.map((f, i) => ({ name: f.name, path: `${path}.fields[${i}].name` })),
      );
      return { operator, name, key: null, fields: raw.fields.map((f) => ({ ...f })) };
    }
    case 'max':
    case 'min':
    case 'first':
    case 'last':
    case 'size':
    case 'add_to_set':
    case 'merge_objects':
      return { operator, name, key: requireKey(raw, path) };
    default: {
      const unreachable: never = operator;
      return unreachable;
    }
  }
}

export function parseGroupStage(input: unknown, path: string): Stage {
  const raw = parseWith(groupSchema, input, path);
  const rawKeys = raw.keys ?? [];
  const rawFields = raw.fields ?? [];
  if (rawKeys.length === 0 && rawFields.length === 0) {
    throw QueryError.required(`${path}.keys or ${path}.fields`);
  }
  const keys: GroupKey[] = rawKeys.map((k, i) => ({
    key: k.key,
    name: k.name,
    dateFormat:
      k.date_format === undefined
        ? null
        : parseDateFormat(k.date_format, `${path}.keys[${i}].date_format`),
  }));
  const fields = rawFields.map((f, i) => parseField(f, `${path}.fields[${i}]`));
  const names = [
    ...rawKeys.map((k, i) => ({ name: k.name, path: `${path}.keys[${i}].name` })),
    ...rawFields.map((f, i) => ({ name: f.name, path: `${path}.fields[${i}].name` })),
  ];
  names.forEach((n) => checkOutputName(n.name, n.path));
  checkUniqueNames(names);
  return { stage: 'group', keys, fields };
}
