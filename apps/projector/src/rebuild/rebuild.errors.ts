/** The rebuild was stopped (SIGINT, SIGTERM) before its swap: the alias did not move, its index was deleted. */
export class RebuildInterruptedError extends Error {
  readonly code = 'REBUILD.INTERRUPTED';

  constructor(message: string) {
    super(message);
    this.name = 'RebuildInterruptedError';
  }
}

/**
 * Another rebuild owns the next version, or left it behind: this one refused to start and created nothing. Two
 * rebuilds at once would both replay the whole topic, and only one of them could ever be swapped in.
 */
export class RebuildConflictError extends Error {
  constructor(
    readonly code: 'REBUILD.ALREADY_RUNNING' | 'REBUILD.UNSWAPPED_INDEX',
    message: string,
  ) {
    super(message);
    this.name = 'RebuildConflictError';
  }
}
