import { JOB_TASK_COLUMNS } from '../field-kind';
import type { GroupField, GroupKey, Stage } from '../stat.types';

export type GroupStage = Stage & { stage: 'group' };

/**
 * Which part of a pipeline Elasticsearch runs. Only the first group (or count) is pushed down, and
 * only when aggregations give MongoDB's answer exactly; everything after it runs in the API over the
 * bounded group rows. Pipelines that cannot be pushed down read the matching documents (`scan`).
 */
export type StatPlan =
  | { path: 'group'; nested: boolean; group: GroupStage; rest: Stage[] }
  | { path: 'count'; nested: boolean; name: string; rest: Stage[] }
  | { path: 'scan'; stages: Stage[]; reason: string };

export const ERROR_KEYWORDS = ['errors.error_code', 'errors.message'];

const isTopLevelScalar = (key: string): boolean => {
  const kind = Object.hasOwn(JOB_TASK_COLUMNS, key) ? JOB_TASK_COLUMNS[key] : undefined;
  return kind !== undefined && (kind.t === 'string' || kind.t === 'number' || kind.t === 'date');
};
const isErrorKeyword = (key: string): boolean => ERROR_KEYWORDS.includes(key);

/** Depends on the order rows reach the group (so an earlier sort stage matters). */
function orderSensitive(g: GroupStage): boolean {
  return g.fields.some((f) => ['first', 'last', 'push', 'merge_objects'].includes(f.operator));
}

function fieldPushable(f: GroupField, nested: boolean): boolean {
  const indexed = nested ? isErrorKeyword : isTopLevelScalar;
  switch (f.operator) {
    case 'count':
      return f.conditions.every((c) => indexed(c.key));
    case 'sum':
    case 'average':
      // Nested rows only carry keywords, which validation already refused to sum.
      return !nested && indexed(f.key) && f.conditions.every((c) => indexed(c.key));
    case 'min':
    case 'max':
    case 'size':
    case 'add_to_set':
      return indexed(f.key);
    case 'first':
    case 'last':
      // Stream order spans the parent task and the error's list position: not expressible per nested doc.
      return !nested;
    case 'merge_objects':
    case 'push':
      // Each needs every row of the group: as costly as reading the documents, so the scan path does it.
      return false;
    default: {
      const unreachable: never = f;
      return unreachable;
    }
  }
}

function keyPushable(k: GroupKey, nested: boolean): boolean {
  return nested ? isErrorKeyword(k.key) : isTopLevelScalar(k.key);
}

export function choosePlan(stages: readonly Stage[]): StatPlan {
  let nested = false;
  let sorted = false;
  let i = 0;
  for (; i < stages.length; i++) {
    const s = stages[i];
    if (s?.stage === 'sort') sorted = true;
    else if (s?.stage === 'unwind' && s.path === 'errors' && !nested) nested = true;
    else break;
  }
  const head = stages[i];
  const rest = stages.slice(i + 1);
  const scan = (reason: string): StatPlan => ({ path: 'scan', stages: [...stages], reason });
  if (head === undefined) return scan('no group or count stage');
  if (head.stage === 'count') return { path: 'count', nested, name: head.name, rest };
  if (head.stage !== 'group') return scan(`${head.stage} before the first group`);
  if (sorted && orderSensitive(head)) return scan('first/last/push/merge_objects after a sort');
  if (!head.keys.every((k) => keyPushable(k, nested))) return scan('group key not aggregatable');
  if (!head.fields.every((f) => fieldPushable(f, nested)))
    return scan('group field not aggregatable');
  return { path: 'group', nested, group: head, rest };
}
