/** A server that could not listen, said the way an operator fixes it: the variable, the port and why. */
export class ListenError extends Error {
  readonly code = 'LISTEN_FAILED';

  constructor(
    readonly variable: string,
    readonly port: number,
    cause: unknown,
  ) {
    super(`${variable}: cannot listen on port ${port}: ${reason(cause)}`, { cause });
    this.name = 'ListenError';
  }
}

function reason(cause: unknown): string {
  const code = (cause as { code?: unknown } | null)?.code;
  const message = cause instanceof Error ? cause.message : String(cause);
  // gRPC reports a taken port as "No address added out of total 1 resolved", with the errno only in its details.
  if (code === 'EADDRINUSE' || /EADDRINUSE|address already in use/i.test(message))
    return 'the port is already in use by another process';
  if (code === 'EACCES') return 'permission denied (a port below 1024 needs privileges)';
  return message;
}

/** Runs `listen`, turning any failure into a ListenError for `variable`. */
export async function listenFor<T>(
  variable: string,
  port: number,
  listen: () => Promise<T>,
): Promise<T> {
  try {
    return await listen();
  } catch (error) {
    throw new ListenError(variable, port, error);
  }
}
