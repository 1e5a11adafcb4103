import type { DlqReason } from '@app/domain';

/** Every error the emitter throws; `code` is stable and safe to branch on. */
export abstract class EmitterError extends Error {
  abstract readonly code: string;
}

/**
 * The event would be dead-lettered by the projector. `reason` is the `dlq.reason` it would get and `message` names
 * the field, exactly as the projector would write it into `dlq.message`; nothing was sent.
 */
export class EventRejectedError extends EmitterError {
  readonly code = 'EMITTER.EVENT_REJECTED';

  constructor(
    readonly reason: DlqReason,
    readonly detail: string,
    /** Position of the event in the batch that was refused (0 for a single event). */
    readonly index = 0,
  ) {
    super(`event ${index} would be dead-lettered as ${reason}: ${detail}`);
    this.name = 'EventRejectedError';
  }
}

/** The broker did not acknowledge the batch (after kafkajs's own retries); none, some or all of it may be written. */
export class EmitFailedError extends EmitterError {
  readonly code = 'EMITTER.SEND_FAILED';

  constructor(cause: unknown) {
    super(`producing to Kafka failed: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
    this.name = 'EmitFailedError';
  }
}

export class EmitterClosedError extends EmitterError {
  readonly code = 'EMITTER.CLOSED';

  constructor() {
    super('the emitter is closed');
    this.name = 'EmitterClosedError';
  }
}

/**
 * Too many events are queued or in flight (typically the broker is slow or down); nothing of the call was queued.
 * Wait for the emits already made, then re-send the same events.
 */
export class EmitterBufferFullError extends EmitterError {
  readonly code = 'EMITTER.BUFFER_FULL';

  constructor(
    readonly buffered: number,
    readonly maxBufferedEvents: number,
  ) {
    super(`${buffered} events are queued or in flight, the limit is ${maxBufferedEvents}`);
    this.name = 'EmitterBufferFullError';
  }
}

/** A builder was given something the contract cannot carry (e.g. a Date that is not a valid time). */
export class InvalidBuilderInputError extends EmitterError {
  readonly code = 'EMITTER.INVALID_INPUT';

  constructor(message: string) {
    super(message);
    this.name = 'InvalidBuilderInputError';
  }
}
