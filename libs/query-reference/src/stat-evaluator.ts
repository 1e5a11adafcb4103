import type { JobTaskInfo } from '@app/domain';
import {
  QueryError,
  type GroupKey,
  type Stage,
  type StatLimits,
  type StatRequest,
} from '@app/query';
import { accumulate, type Resolve, resolverFor } from './stat-evaluator.accumulators';
import {
  bsonCompare,
  canonical,
  dateToString,
  fieldPath,
  isDoc,
  type MDoc,
  type MValue,
  render,
} from './stat-evaluator.values';

/**
 * Reference semantics of `stat`, written as MongoDB runs SpaceONE's pipeline: documents in stream
 * order, `$group` rows keeping their keys under `_id` (later stages reach them as `_id.<name>`), and
 * SpaceONE's flattening at the end. It shares nothing with the Elasticsearch planner but the parsed
 * request types. Docs must already be filtered by the request's scope (see `matchesScope`).
 *
 * Choices MongoDB leaves open, fixed here and in the API alike: group rows come out ordered by their
 * key tuple ascending (nulls first); `$sort` is stable; `add_to_set` lists members ascending.
 */
const DATE_FIELDS = ['created_at', 'started_at', 'finished_at'] as const;

function toMongo(doc: JobTaskInfo): MDoc {
  const out = JSON.parse(JSON.stringify(doc)) as MDoc;
  for (const f of DATE_FIELDS) {
    const v = doc[f];
    out[f] = v === null ? null : new Date(v);
  }
  return out;
}

function streamOrder(a: MDoc, b: MDoc): number {
  return bsonCompare(a.created_at, b.created_at) || bsonCompare(a.job_task_id, b.job_task_id);
}

function keyExpression(doc: MDoc, k: GroupKey, resolve: Resolve): MValue {
  const v = resolve(doc, k.key);
  if (k.dateFormat === null) return v === undefined ? null : v;
  if (!(v instanceof Date)) return null;
  if (k.dateFormat.kind === 'pattern') return dateToString(k.dateFormat.pattern, v);
  switch (k.dateFormat.part) {
    case 'year':
      return v.getUTCFullYear();
    case 'month':
      return v.getUTCMonth() + 1;
    case 'day':
      return v.getUTCDate();
  }
}

interface State {
  docs: MDoc[];
  groupKeys: string[];
}

function tooMany(limits: StatLimits | undefined, n: number): void {
  if (limits !== undefined && n > limits.maxGroups) {
    throw QueryError.invalid(`more than ${limits.maxGroups} groups`);
  }
}

function group(state: State, stage: Stage & { stage: 'group' }, limits?: StatLimits): State {
  const resolve = resolverFor(state.groupKeys);
  const buckets = new Map<string, { id: MDoc; docs: MDoc[] }>();
  for (const doc of state.docs) {
    const id: MDoc = {};
    for (const k of stage.keys) id[k.name] = keyExpression(doc, k, resolve);
    const key = canonical(stage.keys.map((k) => id[k.name] ?? null));
    const bucket = buckets.get(key) ?? { id, docs: [] };
    bucket.docs.push(doc);
    buckets.set(key, bucket);
  }
  tooMany(limits, buckets.size);
  const byKeys = (a: MDoc, b: MDoc): number => {
    for (const k of stage.keys) {
      const c = bsonCompare(a[k.name], b[k.name]);
      if (c !== 0) return c;
    }
    return 0;
  };
  const rows = [...buckets.values()]
    .sort((a, b) => byKeys(a.id, b.id))
    .map(({ id, docs }) => {
      const row: MDoc = { _id: id };
      for (const f of stage.fields) row[f.name] = accumulate(f, docs, resolve);
      return row;
    });
  return { docs: rows, groupKeys: stage.keys.map((k) => k.name) };
}

function project(state: State, stage: Stage & { stage: 'project' }): State {
  const resolve = resolverFor(state.groupKeys);
  const docs = state.docs.map((doc) => {
    const out: MDoc = {};
    if (!stage.excludeKeys && doc._id !== undefined) out._id = doc._id;
    for (const f of stage.fields) {
      const v = resolve(doc, f.key);
      // MongoDB would omit a missing field; the API renders unset as null everywhere.
      if (f.operator === 'size') out[f.name] = Array.isArray(v) ? v.length : 0;
      else out[f.name] = v === undefined ? null : v;
    }
    return out;
  });
  return { docs, groupKeys: stage.excludeKeys ? [] : state.groupKeys };
}

function apply(state: State, stage: Stage, limits?: StatLimits): State {
  const resolve = resolverFor(state.groupKeys);
  switch (stage.stage) {
    case 'unwind':
      return {
        ...state,
        docs: state.docs.flatMap((doc) => {
          const v = fieldPath(doc, stage.path);
          if (v === undefined || v === null || (Array.isArray(v) && v.length === 0)) return [];
          return Array.isArray(v) ? v.map((el) => ({ ...doc, [stage.path]: el })) : [doc];
        }),
      };
    case 'group':
      return group(state, stage, limits);
    case 'count':
      return {
        docs: state.docs.length === 0 ? [] : [{ [stage.name]: state.docs.length }],
        groupKeys: [],
      };
    case 'sort':
      return {
        ...state,
        docs: [...state.docs].sort((a, b) => {
          for (const k of stage.keys) {
            const c = bsonCompare(resolve(a, k.key), resolve(b, k.key));
            if (c !== 0) return k.desc ? -c : c;
          }
          return 0;
        }),
      };
    case 'project':
      return project(state, stage);
    case 'limit':
      return { ...state, docs: state.docs.slice(0, stage.count) };
    case 'skip':
      return { ...state, docs: state.docs.slice(stage.count) };
  }
}

/** SpaceONE's `_make_aggregate_values`: `_id`'s entries first, then the other fields. */
function flatten(doc: MDoc): MDoc {
  const out: MDoc = {};
  const id = doc._id;
  if (isDoc(id)) Object.assign(out, id);
  for (const [k, v] of Object.entries(doc)) if (k !== '_id' || !isDoc(id)) out[k] = v;
  return out;
}

function distinct(
  docs: MDoc[],
  field: string,
  desc: boolean,
  limit: number | null,
  limits?: StatLimits,
): MValue[] {
  const seen = new Map<string, MValue>();
  for (const doc of docs) {
    const v = fieldPath(doc, field);
    for (const item of Array.isArray(v) ? v : [v]) {
      if (item !== undefined && item !== null) seen.set(canonical(item), item);
    }
  }
  tooMany(limits, seen.size);
  const values = [...seen.values()].sort(bsonCompare);
  if (desc) values.reverse();
  return limit === null ? values : values.slice(0, limit);
}

export function evaluateStat(
  docs: JobTaskInfo[],
  req: StatRequest,
  limits?: StatLimits,
): { results: unknown[]; total_count?: number } {
  const stream = docs.map(toMongo).sort(streamOrder);
  let results: MValue[];
  if (req.body.kind === 'distinct') {
    results = distinct(stream, req.body.field, req.body.desc, req.body.limit, limits);
  } else {
    let state: State = { docs: stream, groupKeys: [] };
    for (const stage of req.body.stages) state = apply(state, stage, limits);
    results = state.docs.map(flatten);
  }
  const rendered = results.map(render);
  if (req.page === null) return { results: rendered };
  const from = req.page.start - 1;
  return { results: rendered.slice(from, from + req.page.limit), total_count: rendered.length };
}
