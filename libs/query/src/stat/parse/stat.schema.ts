import { z } from 'zod';
import { isReservedName } from '../../errors/plain-request-data.guard';
import { CONDITION_OPERATORS, GROUP_OPERATORS } from '../stat.types';

/**
 * The canonical (snake_case, long-name) shape of JobTaskStatQuery. The parser validates each piece
 * with these schemas under its own request path, so a mistake is reported at the key that caused it;
 * `jobTaskStatQuerySchema` composes the same pieces for the OpenAPI document.
 */
const text = z.string().min(1);
/** A field path or column name; it becomes an object key, so JavaScript's special names are refused. */
const fieldName = text.refine((n) => !isReservedName(n), { message: 'a reserved name' });

export const groupKeySchema = z.strictObject({
  key: fieldName,
  name: fieldName,
  date_format: text.optional(),
});

export const conditionSchema = z.strictObject({
  key: fieldName,
  value: z.union([z.string(), z.number()]),
  operator: z.enum(CONDITION_OPERATORS),
});

export const pushSubFieldSchema = z.strictObject({ key: fieldName, name: fieldName });

export const groupFieldSchema = z.strictObject({
  key: fieldName.optional(),
  name: fieldName,
  operator: z.enum(GROUP_OPERATORS),
  fields: z.array(pushSubFieldSchema).optional(),
  conditions: z.array(conditionSchema).optional(),
});

export const groupSchema = z.strictObject({
  keys: z.array(groupKeySchema).optional(),
  fields: z.array(groupFieldSchema).optional(),
});

export const unwindSchema = z.strictObject({ path: fieldName });
export const countSchema = z.strictObject({ name: fieldName });
export const sortKeySchema = z.strictObject({ key: fieldName, desc: z.boolean().optional() });
export const sortStageSchema = z.strictObject({
  key: fieldName.optional(),
  desc: z.boolean().optional(),
  keys: z.array(sortKeySchema).optional(),
});

export const projectFieldSchema = z.strictObject({
  key: fieldName,
  name: fieldName.optional(),
  operator: z.enum(['size']).optional(),
});

export const projectSchema = z.strictObject({
  fields: z.array(projectFieldSchema).min(1),
  exclude_keys: z.boolean().optional(),
});

export const limitStageSchema = z.int().min(1);
export const skipStageSchema = z.int().min(0);

export const formatAAggregateSchema = z.strictObject({
  unwind: z.array(unwindSchema).optional(),
  group: groupSchema.optional(),
  count: countSchema.optional(),
});

/** Documentation only: the parser dispatches on the stage's single key instead of trying a union. */
const formatBStageSchema = z.union([
  z.strictObject({ unwind: unwindSchema }),
  z.strictObject({ group: groupSchema }),
  z.strictObject({ count: countSchema }),
  z.strictObject({ sort: sortStageSchema }),
  z.strictObject({ project: projectSchema }),
  z.strictObject({ limit: limitStageSchema }),
  z.strictObject({ skip: skipStageSchema }),
]);

export const formatASortSchema = z.strictObject({
  name: fieldName.optional(),
  desc: z.boolean().optional(),
});

export const pageSchema = z.strictObject({
  start: z.int().optional(),
  limit: z.int().min(0).optional(),
});

/** Filter conditions are validated by the filter parser; this shape only documents them. */
const filterConditionDocSchema = z.object({
  key: z.string().optional(),
  value: z.unknown().optional(),
  operator: z.string().optional(),
});

export const statisticsQuerySchema = z.strictObject({
  filter: z.array(filterConditionDocSchema).optional(),
  filter_or: z.array(filterConditionDocSchema).optional(),
  keyword: z.string().optional(),
  aggregate: z.union([formatAAggregateSchema, z.array(formatBStageSchema)]).optional(),
  sort: formatASortSchema.optional(),
  /** Format A only; proto3's 0 means "not set". */
  limit: z.int().min(0).optional(),
  page: pageSchema.optional(),
  distinct: fieldName.optional(),
});

export const jobTaskStatQuerySchema = z.strictObject({
  query: statisticsQuerySchema,
  domain_id: text,
});
