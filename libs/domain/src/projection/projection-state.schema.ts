import { z } from 'zod';
import type { ProjectionState } from './projection-state.types';

/*
 * Validates bookkeeping read back from Elasticsearch before merging into it: a malformed state would otherwise
 * corrupt every later write of the task silently.
 */

// Checked by hand rather than with z.record, which drops an own "__proto__" key — a legal event_id.
const isCountRecord = (value: unknown): value is Record<string, number> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.values(value).every((n) => Number.isSafeInteger(n) && (n as number) >= 1);
const counts = z.custom<Record<string, number>>(isCountRecord, 'expected event_id → count ≥ 1');
const total = z.number().int().min(0).nullable();
const eventKey = z.tuple([z.string(), z.number().int().min(0), z.string()]);
const errorKey = z.tuple([
  z.string(),
  z.number().int().min(0),
  z.string(),
  z.number().int().min(0),
]);

export const projectionStateSchema = z.object({
  version: z.literal(1),
  lifecycle_ids: z.array(z.string()),
  resource_succeeded: counts,
  resource_failed: counts,
  created: eventKey.nullable(),
  started: eventKey.nullable(),
  terminal: z
    .object({
      key: eventKey,
      status: z.enum(['SUCCESS', 'FAILURE']),
      success_count: total,
      failure_count: total,
    })
    .nullable(),
  error_keys: z.array(errorKey),
}) satisfies z.ZodType<ProjectionState>;
