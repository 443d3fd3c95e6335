import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * Node answers a request it cannot parse (headers too large, a malformed request line) on its own,
 * with no body. This gives that answer the API's JSON error shape and the site's security headers.
 */
export function answerClientError(
  error: NodeJS.ErrnoException,
  socket: Duplex,
  security: Record<string, string>,
): void {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const [status, code, message] = describe(error.code);
  const body = JSON.stringify({ error: { code, message, details: [] } });
  const headers: Record<string, string> = {
    ...security,
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
  };
  const head = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${head}\r\n${body}`);
}

function describe(code: string | undefined): [number, string, string] {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return [431, 'headers-too-large', 'The request headers are too large.'];
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return [408, 'request-timeout', 'The request took too long to arrive.'];
    default:
      return [400, 'bad-request', 'The request could not be read as HTTP.'];
  }
}
