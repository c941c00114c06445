import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * Requests Node's HTTP parser refuses before any route sees them (a URL or headers over
 * `maxHeaderSize`, a control character in a header) get the API's JSON error shape instead of
 * Node's bare `400 Bad Request` / `431` with an empty body, then the connection closes.
 */
export function answerClientErrorsWithJson(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    socket.end(clientErrorResponse(error.code));
  });
}

/** The raw HTTP/1.1 response for a parser error code (HPE_HEADER_OVERFLOW → 431, else 400). */
export function clientErrorResponse(code: string | undefined): string {
  const [status, reason, errorCode, message] =
    code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'headers_too_large', 'request URL or headers exceed the server limit']
      : [400, 'Bad Request', 'bad_request', 'malformed HTTP request (e.g. a control character in a header)'];
  const body = JSON.stringify({ error: { code: errorCode, message } });
  return [
    `HTTP/1.1 ${status} ${reason}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}
