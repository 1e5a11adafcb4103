import {
  type Columns,
  describeKind,
  FREE_OBJECT,
  isScalar,
  JOB_TASK_COLUMNS,
  type Kind,
  NUMBER,
  resolveKind,
  STRING,
} from '../field-kind';
import { hasLoneSurrogate, LONE_SURROGATE_REASON } from '../../filter/parse/parse-limits';
import { parseIsoDate } from './iso-date';
import type { LocatedStage } from './stage.parser';
import { invalidParam } from '../stat.errors';
import type { FieldCondition, GroupField, GroupKey, Stage } from '../stat.types';

/** What a stage sees: its columns, and which of them are the last group's keys (kept by project). */
interface Schema {
  columns: Columns;
  keyNames: string[];
}

function kindAt(schema: Schema, key: string, path: string): Kind {
  const kind = resolveKind(schema.columns, key);
  if (kind === null) {
    const known = Object.keys(schema.columns).join(', ');
    throw invalidParam(path, `unknown key '${key}' (known here: ${known})`);
  }
  return kind;
}

function scalarAt(schema: Schema, key: string, path: string, use: string): Kind {
  const kind = kindAt(schema, key, path);
  if (!isScalar(kind)) {
    const hint = kind.t === 'array' ? '; unwind it first' : '';
    throw invalidParam(path, `cannot ${use} '${key}', a ${describeKind(kind)}${hint}`);
  }
  return kind;
}

function typedCondition(schema: Schema, c: FieldCondition, path: string): FieldCondition {
  const kind = scalarAt(schema, c.key, `${path}.key`, 'compare');
  const bad = (): never => {
    const expected = kind.t === 'date' ? 'an ISO 8601 string' : `a ${kind.t}`;
    throw invalidParam(
      `${path}.value`,
      `'${c.key}' is a ${describeKind(kind)}, so the value must be ${expected}; got ${JSON.stringify(c.value)}`,
    );
  };
  if (kind.t === 'date') {
    const date = typeof c.value === 'string' ? parseIsoDate(c.value) : null;
    return date === null ? bad() : { ...c, value: date };
  }
  if (kind.t === 'number' && typeof c.value !== 'number') return bad();
  if (kind.t === 'string' && typeof c.value !== 'string') return bad();
  if (typeof c.value === 'string' && hasLoneSurrogate(c.value)) {
    throw invalidParam(`${path}.value`, `the value ${LONE_SURROGATE_REASON}`);
  }
  return c;
}

function keyKind(schema: Schema, k: GroupKey, path: string): Kind {
  const kind = scalarAt(schema, k.key, `${path}.key`, 'group by');
  if (k.dateFormat === null) return kind;
  if (kind.t !== 'date') {
    throw invalidParam(`${path}.date_format`, `'${k.key}' is a ${describeKind(kind)}, not a date`);
  }
  return k.dateFormat.kind === 'part' ? NUMBER : STRING;
}

function fieldKind(schema: Schema, f: GroupField, path: string): { field: GroupField; kind: Kind } {
  const need = (ok: (k: Kind) => boolean, key: string, what: string): Kind => {
    const kind = kindAt(schema, key, `${path}.key`);
    if (!ok(kind)) {
      throw invalidParam(
        `${path}.key`,
        `${f.operator} needs ${what}; '${key}' is a ${describeKind(kind)}`,
      );
    }
    return kind;
  };
  const conditions = (cs: FieldCondition[]): FieldCondition[] =>
    cs.map((c, i) => typedCondition(schema, c, `${path}.conditions[${i}]`));
  switch (f.operator) {
    case 'count':
      return { field: { ...f, conditions: conditions(f.conditions) }, kind: NUMBER };
    case 'sum':
    case 'average':
      need((k) => k.t === 'number', f.key, 'a number');
      return { field: { ...f, conditions: conditions(f.conditions) }, kind: NUMBER };
    case 'min':
    case 'max':
      return { field: f, kind: need(isScalar, f.key, 'a string, number or date') };
    case 'size':
      need(isScalar, f.key, 'a string, number or date');
      return { field: f, kind: NUMBER };
    case 'add_to_set':
      return {
        field: f,
        kind: { t: 'array', of: need(isScalar, f.key, 'a string, number or date') },
      };
    case 'first':
    case 'last':
      return { field: f, kind: kindAt(schema, f.key, `${path}.key`) };
    case 'merge_objects':
      need((k) => k.t === 'object', f.key, 'an object');
      return { field: f, kind: FREE_OBJECT };
    case 'push': {
      if (f.key !== null)
        return { field: f, kind: { t: 'array', of: kindAt(schema, f.key, `${path}.key`) } };
      const fields = Object.fromEntries(
        f.fields.map((s, i) => [s.name, kindAt(schema, s.key, `${path}.fields[${i}].key`)]),
      );
      return { field: f, kind: { t: 'array', of: { t: 'object', fields } } };
    }
    default: {
      const unreachable: never = f;
      return unreachable;
    }
  }
}

function step(
  schema: Schema,
  { stage, path, sortKeyPaths }: LocatedStage,
): { stage: Stage; schema: Schema } {
  switch (stage.stage) {
    case 'unwind': {
      const kind = kindAt(schema, stage.path, `${path}.path`);
      if (stage.path.includes('.') || kind.t !== 'array') {
        throw invalidParam(
          `${path}.path`,
          `'${stage.path}' is not a top-level list (${describeKind(kind)})`,
        );
      }
      return {
        stage,
        schema: { ...schema, columns: { ...schema.columns, [stage.path]: kind.of } },
      };
    }
    case 'group': {
      const columns: Record<string, Kind> = {};
      stage.keys.forEach((k, i) => (columns[k.name] = keyKind(schema, k, `${path}.keys[${i}]`)));
      const fields = stage.fields.map((f, i) => {
        const checked = fieldKind(schema, f, `${path}.fields[${i}]`);
        columns[f.name] = checked.kind;
        return checked.field;
      });
      const next = { columns, keyNames: stage.keys.map((k) => k.name) };
      return { stage: { ...stage, fields }, schema: next };
    }
    case 'count':
      return { stage, schema: { columns: { [stage.name]: NUMBER }, keyNames: [] } };
    case 'sort':
      stage.keys.forEach((k, i) =>
        scalarAt(schema, k.key, sortKeyPaths?.[i] ?? `${path}.keys[${i}].key`, 'sort by'),
      );
      return { stage, schema };
    case 'project': {
      const keyNames = stage.excludeKeys ? [] : schema.keyNames;
      const columns: Record<string, Kind> = {};
      for (const k of keyNames) columns[k] = schema.columns[k] ?? STRING;
      stage.fields.forEach((f, i) => {
        // A kept group key may only be re-projected as itself; anything else would leave two values
        // under one name (MongoDB keeps the key in _id and the field beside it).
        if (keyNames.includes(f.name) && (f.key !== f.name || f.operator !== null)) {
          throw invalidParam(
            `${path}.fields[${i}].name`,
            `'${f.name}' is a group key; rename the field or set exclude_keys`,
          );
        }
        const kind = kindAt(schema, f.key, `${path}.fields[${i}].key`);
        if (f.operator === 'size' && kind.t !== 'array') {
          throw invalidParam(
            `${path}.fields[${i}].key`,
            `size needs a list; '${f.key}' is a ${describeKind(kind)}`,
          );
        }
        columns[f.name] = f.operator === 'size' ? NUMBER : kind;
      });
      return { stage, schema: { columns, keyNames } };
    }
    case 'limit':
    case 'skip':
      return { stage, schema };
    default: {
      const unreachable: never = stage;
      return unreachable;
    }
  }
}

/** Type-checks the pipeline against JobTaskInfo and returns it with condition values typed. */
export function validatePipeline(stages: LocatedStage[]): Stage[] {
  let schema: Schema = { columns: JOB_TASK_COLUMNS, keyNames: [] };
  return stages.map((located) => {
    const checked = step(schema, located);
    schema = checked.schema;
    return checked.stage;
  });
}
