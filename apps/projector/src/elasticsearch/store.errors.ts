import { errors } from '@elastic/elasticsearch';

/**
 * Elasticsearch could not answer a whole request (down, overloaded, timed out, alias missing). Never a reason to
 * skip events: the batch is retried after a backoff.
 */
export class StoreUnavailableError extends Error {
  readonly code = 'STORE.UNAVAILABLE';

  constructor(operation: string, cause: unknown) {
    super(`elasticsearch ${operation} failed: ${describeStoreError(cause)}`, { cause });
    this.name = 'StoreUnavailableError';
  }
}

/** The read model's index or alias is not in the state start-up needs (e.g. a concrete index named like the alias). */
export class IndexSetupError extends Error {
  readonly code = 'STORE.INDEX_SETUP';

  constructor(message: string) {
    super(message);
    this.name = 'IndexSetupError';
  }
}

/** The alias was not where a swap expected it: someone else moved it in the meantime, and nothing was changed. */
export class AliasMovedError extends Error {
  readonly code = 'STORE.ALIAS_MOVED';

  constructor(message: string) {
    super(message);
    this.name = 'AliasMovedError';
  }
}

export function describeStoreError(error: unknown): string {
  if (error instanceof errors.ResponseError) {
    const body = error.body as { error?: { type?: string; reason?: string } } | undefined;
    const type = body?.error?.type ?? 'response_error';
    return `${error.statusCode ?? '?'} ${type}: ${body?.error?.reason ?? error.message}`;
  }
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** The error type Elasticsearch put in a failed response, e.g. `resource_already_exists_exception`. */
export function storeErrorType(error: unknown): string | undefined {
  if (!(error instanceof errors.ResponseError)) return undefined;
  return (error.body as { error?: { type?: string } } | undefined)?.error?.type;
}

export function isNotFound(error: unknown): boolean {
  return error instanceof errors.ResponseError && error.statusCode === 404;
}
