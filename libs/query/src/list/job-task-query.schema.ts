import { JOB_TASK_STATUSES } from '@app/domain';
import { z } from 'zod';
import {
  FILTER_OPERATORS,
  JOB_TASK_INFO_FIELDS,
  MAX_KEYWORD_LENGTH,
  SORTABLE_KEYS,
} from '../filter';

/**
 * JobTaskQuery in its canonical snake_case spelling. Requests are first rewritten to this spelling
 * (lowerCamelCase accepted, null = unset), then checked against these schemas; the same schemas feed
 * the OpenAPI document. Semantic checks (operators, keys, limits) follow in the parser.
 */
const uint32 = z
  .union([
    z.number().int(),
    z
      .string()
      .regex(/^-?\d+$/)
      .transform(Number),
  ])
  .meta({ description: 'integer (proto3 JSON also accepts a decimal string)' });

export const filterConditionSchema = z
  .object({
    key: z.string().optional(),
    k: z.string().optional().meta({ description: 'alias of key' }),
    value: z.unknown().optional(),
    v: z.unknown().optional().meta({ description: 'alias of value' }),
    operator: z
      .string()
      .optional()
      .meta({ description: `one of ${FILTER_OPERATORS.join(', ')}` }),
    o: z.string().optional().meta({ description: 'alias of operator' }),
  })
  .meta({ description: 'Filter condition {key|k, value|v, operator|o}' });

const sortKeySchema = z.strictObject({
  key: z
    .string()
    .optional()
    .meta({ description: `one of ${SORTABLE_KEYS.join(', ')}` }),
  desc: z.boolean().optional(),
});

export const sortSchema = z
  .strictObject({
    key: sortKeySchema.shape.key,
    desc: z.boolean().optional(),
    keys: z.array(sortKeySchema).optional(),
  })
  .meta({ description: '{key, desc} or {keys: [{key, desc}]}; default created_at descending' });

export const pageSchema = z
  .strictObject({
    start: uint32.optional().meta({ description: '1-based position of the first result' }),
    limit: uint32.optional().meta({ description: 'page size; paging applies when > 0' }),
  })
  .meta({ description: 'Page {start, limit}' });

export const listQuerySchema = z
  .strictObject({
    filter: z.array(filterConditionSchema).optional(),
    filter_or: z.array(filterConditionSchema).optional(),
    sort: sortSchema.optional(),
    page: pageSchema.optional(),
    only: z
      .array(z.string())
      .optional()
      .meta({ description: `fields to return: ${JOB_TASK_INFO_FIELDS.join(', ')}` }),
    minimal: z.boolean().optional(),
    count_only: z.boolean().optional(),
    keyword: z
      .string()
      .optional()
      .meta({ description: `at most ${MAX_KEYWORD_LENGTH} characters` }),
  })
  .meta({ description: 'spaceone.api.core.v1.Query (lowerCamelCase names accepted too)' });

const idFilter = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .meta({ description: 'an eq filter; a list becomes in' });

const statusValue = z.union([
  z.enum(JOB_TASK_STATUSES),
  z
    .number()
    .int()
    .min(0)
    .max(JOB_TASK_STATUSES.length - 1),
  z.string().regex(/^\d+$/),
]);

export const jobTaskQuerySchema = z
  .strictObject({
    query: listQuerySchema.optional(),
    job_task_id: idFilter,
    status: z
      .union([statusValue, z.array(statusValue)])
      .optional()
      .meta({ description: 'enum name or number; a list becomes in' }),
    job_id: idFilter,
    secret_id: idFilter,
    provider: idFilter,
    service_account_id: idFilter,
    project_id: idFilter,
    domain_id: z.string().min(1),
  })
  .meta({ description: 'JobTaskQuery (power_scheduler.v1.JobTask.list)' });

export type JobTaskQueryInput = z.output<typeof jobTaskQuerySchema>;
export type ListQueryInput = z.output<typeof listQuerySchema>;

export const SHORTCUT_FIELDS = [
  'job_task_id',
  'status',
  'job_id',
  'secret_id',
  'provider',
  'service_account_id',
  'project_id',
] as const;
