export type DlqErrorCode =
  'DLQ.READ_FAILED' | 'DLQ.KAFKA_UNREACHABLE' | 'DLQ.TOPIC_NOT_FOUND' | 'DLQ.OFFSETS_OUT_OF_RANGE';

/** A failure the operator can act on: `main` prints `<code>: <message>` and exits 1, without a stack trace. */
export class DlqError extends Error {
  constructor(
    readonly code: DlqErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'DlqError';
  }
}

export const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
