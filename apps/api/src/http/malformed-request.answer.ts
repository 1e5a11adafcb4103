import { randomUUID } from 'node:crypto';
import { maxHeaderSize, type Server, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Requests Node's HTTP parser refuses (headers over its size limit, a broken request line or header,
 * Content-Length beside Transfer-Encoding) never reach Express, and Node's own answer is a bare status
 * line. This answers them in the API's error format, with the headers every answer carries, under the
 * same condition as Node: nothing has been written on the connection yet, so no answer is cut into.
 */
export function answerMalformedRequests(
  server: Server,
  answerHeaders: Readonly<Record<string, string>>,
): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (socket.writable && socket.bytesWritten === 0) {
      socket.end(malformedRequestAnswer(error.code, answerHeaders));
    } else {
      socket.destroy();
    }
  });
}

function malformedRequestAnswer(
  reason: string | undefined,
  answerHeaders: Readonly<Record<string, string>>,
): string {
  const timedOut = reason === 'ERR_HTTP_REQUEST_TIMEOUT';
  const status = timedOut ? 408 : 400;
  const message = timedOut
    ? 'The request was not received in time.'
    : reason === 'HPE_HEADER_OVERFLOW'
      ? `The request headers exceed ${maxHeaderSize} bytes.`
      : `The request is not valid HTTP/1.1. (reason = ${reason ?? 'unknown'})`;
  // The same id in the header and the body, as every other error answer carries it.
  const correlationId = randomUUID();
  const body = JSON.stringify({
    error: { code: 'ERROR_INVALID_PARAMETER', message, correlation_id: correlationId },
  });
  const headers = {
    ...answerHeaders,
    'x-request-id': correlationId,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
  };
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  return `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${lines.join('\r\n')}\r\n\r\n${body}`;
}
