import type { DlqReason } from '@app/domain';

/**
 * What the projector dead-letters that no JSON Schema of the value can say, because it is about the bytes or the
 * key rather than the parsed JSON. Published in the AsyncAPI document; the contract test holds every malformed
 * family either to the schema or to this list.
 */
export const RULES_OUTSIDE_THE_SCHEMA: readonly { reason: DlqReason; rule: string }[] = [
  {
    reason: 'TOO_LARGE',
    rule: 'The value must be at most MAX_EVENT_BYTES bytes (default 1048576) as sent.',
  },
  {
    reason: 'INVALID_JSON',
    rule: 'The value must be UTF-8 JSON text; a null value (tombstone) is rejected. A schema only sees JSON that parsed.',
  },
  {
    reason: 'KEY_MISMATCH',
    rule: "The record key must be present, valid UTF-8 and equal to the value's job_task_id.",
  },
  {
    reason: 'INVALID_TIMESTAMP',
    rule: 'occurred_at, once converted to UTC, must fall within the years 0000-9999 (e.g. 0000-01-01T00:00:00+01:00 is rejected).',
  },
];
