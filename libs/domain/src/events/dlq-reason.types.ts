/** Ordered by precedence: when several reasons apply, the first one in this list is reported. */
export const DLQ_REASONS = [
  'TOO_LARGE',
  'INVALID_JSON',
  'NOT_AN_OBJECT',
  'MISSING_FIELD',
  'INVALID_FIELD',
  'UNKNOWN_EVENT_TYPE',
  'INVALID_TIMESTAMP',
  'KEY_MISMATCH',
  'INVALID_COUNT',
] as const;
export type DlqReason = (typeof DLQ_REASONS)[number];

export interface DecodeProblem {
  reason: DlqReason;
  /** For humans reading the DLQ (`dlq.message`); names the field when there is one. */
  message: string;
}
