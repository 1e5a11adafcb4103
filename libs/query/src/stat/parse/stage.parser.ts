import { QueryError } from '../../errors/query-error';
import { checkOutputName, checkUniqueNames, parseGroupStage } from './group-stage.parser';
import { invalidParam, invalidType, parseWith } from '../stat.errors';
import {
  countSchema,
  formatAAggregateSchema,
  limitStageSchema,
  projectSchema,
  skipStageSchema,
  sortStageSchema,
  unwindSchema,
} from './stat.schema';
import type { SortKey, Stage } from '../stat.types';

/** A stage with the request path it came from, so later validation names the offending key. */
export interface LocatedStage {
  stage: Stage;
  path: string;
  /**
   * A sort stage's keys where the client wrote them: `sort.key`, `sort.keys[i].key` or, in Format
   * A, `sort.name` — all three become the same list of keys, so the path cannot be rebuilt from it.
   */
  sortKeyPaths?: readonly string[];
}

const STAGE_NAMES = ['unwind', 'group', 'count', 'sort', 'project', 'limit', 'skip'] as const;
type StageName = (typeof STAGE_NAMES)[number];

function isStageName(name: string): name is StageName {
  return (STAGE_NAMES as readonly string[]).includes(name);
}

function parseCount(input: unknown, path: string): Stage {
  const { name } = parseWith(countSchema, input, path);
  checkOutputName(name, `${path}.name`);
  return { stage: 'count', name };
}

function parseSort(input: unknown, path: string): LocatedStage {
  const raw = parseWith(sortStageSchema, input, path);
  if (raw.key !== undefined && raw.keys !== undefined) {
    throw invalidParam(`${path}.keys`, 'give either key or keys, not both');
  }
  if (raw.key !== undefined) {
    const keys: SortKey[] = [{ key: raw.key, desc: raw.desc ?? false }];
    return { stage: { stage: 'sort', keys }, path, sortKeyPaths: [`${path}.key`] };
  }
  const keys = (raw.keys ?? []).map((k) => ({ key: k.key, desc: k.desc ?? false }));
  if (keys.length === 0) throw QueryError.required(`${path}.key`);
  const sortKeyPaths = keys.map((_, i) => `${path}.keys[${i}].key`);
  return { stage: { stage: 'sort', keys }, path, sortKeyPaths };
}

function parseProject(input: unknown, path: string): Stage {
  const raw = parseWith(projectSchema, input, path);
  const fields = raw.fields.map((f) => ({
    key: f.key,
    name: f.name ?? f.key,
    operator: f.operator ?? null,
  }));
  const names = fields.map((f, i) => ({ name: f.name, path: `${path}.fields[${i}].name` }));
  names.forEach((n) => checkOutputName(n.name, n.path));
  checkUniqueNames(names);
  return { stage: 'project', fields, excludeKeys: raw.exclude_keys ?? false };
}

function parseStage(name: StageName, input: unknown, path: string): LocatedStage {
  const at = (stage: Stage): LocatedStage => ({ stage, path });
  switch (name) {
    case 'unwind':
      return at({ stage: 'unwind', path: parseWith(unwindSchema, input, path).path });
    case 'group':
      return at(parseGroupStage(input, path));
    case 'count':
      return at(parseCount(input, path));
    case 'sort':
      return parseSort(input, path);
    case 'project':
      return at(parseProject(input, path));
    case 'limit':
      return at({ stage: 'limit', count: parseWith(limitStageSchema, input, path) });
    case 'skip':
      return at({ stage: 'skip', count: parseWith(skipStageSchema, input, path) });
    default: {
      const unreachable: never = name;
      return unreachable;
    }
  }
}

/** Format B: a list of single-key stage objects, applied in list order. */
export function parseFormatB(raw: unknown[], path: string): LocatedStage[] {
  return raw.map((item, i) => {
    const at = `${path}[${i}]`;
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      throw invalidType(at, 'object');
    }
    const names = Object.keys(item);
    const [name] = names;
    if (name === undefined) throw QueryError.required(`${at}.(${STAGE_NAMES.join(' or ')})`);
    if (names.length > 1) {
      throw invalidParam(at, `a stage has exactly one key (got ${names.join(', ')})`);
    }
    if (!isStageName(name)) {
      throw invalidParam(`${at}.${name}`, `unknown stage (supported = ${STAGE_NAMES.join(', ')})`);
    }
    return parseStage(name, (item as Record<string, unknown>)[name], `${at}.${name}`);
  });
}

/** Format A: unwind, group and count in that fixed order, whatever order the keys were sent in. */
export function parseFormatA(raw: unknown, path: string): LocatedStage[] {
  const agg = parseWith(formatAAggregateSchema, raw, path);
  if (agg.group === undefined && agg.count === undefined) {
    throw QueryError.required(`${path}.group or ${path}.count`);
  }
  const stages: LocatedStage[] = (agg.unwind ?? []).map((u, i) => ({
    stage: { stage: 'unwind', path: u.path },
    path: `${path}.unwind[${i}]`,
  }));
  if (agg.group !== undefined) {
    stages.push({ stage: parseGroupStage(agg.group, `${path}.group`), path: `${path}.group` });
  }
  if (agg.count !== undefined) {
    stages.push({ stage: parseCount(agg.count, `${path}.count`), path: `${path}.count` });
  }
  return stages;
}
