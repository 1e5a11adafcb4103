import type { ServerResponse } from 'node:http';

/** The error code an HTTP response was answered with, read when it finishes (http-request.metrics.ts). */
export const rejectionCodeOf = new WeakMap<ServerResponse, string>();

/** Call wherever an error body is written; accepts the Node response or an adapter's wrapper of it (`raw`). */
export function noteRejection(
  response: ServerResponse | { raw: ServerResponse },
  code: string,
): void {
  rejectionCodeOf.set('raw' in response ? response.raw : response, code);
}
