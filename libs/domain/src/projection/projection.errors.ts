/** An event of another task was passed in: a caller bug, since the projector groups events by document. */
export class JobTaskMismatchError extends Error {
  readonly code = 'PROJECTION.TASK_MISMATCH';

  constructor(expected: string, actual: string) {
    super(`event for task ${actual} cannot be projected into task ${expected}`);
    this.name = 'JobTaskMismatchError';
  }
}

/** A stored document whose bookkeeping is missing or malformed: it cannot be merged into safely. */
export class ProjectionStateError extends Error {
  readonly code = 'PROJECTION.INVALID_STATE';

  constructor(detail: string) {
    super(`stored projection state is invalid: ${detail}`);
    this.name = 'ProjectionStateError';
  }
}

/** projectJobTask was given neither a document nor an event, so there is no task to project. */
export class EmptyProjectionError extends Error {
  readonly code = 'PROJECTION.EMPTY';

  constructor() {
    super('projectJobTask needs a current document or at least one event');
    this.name = 'EmptyProjectionError';
  }
}
