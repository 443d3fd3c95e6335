import type { IncomingMessage } from 'node:http';
import { toApiGatewayEvent } from '../api/api-event.js';
import type { ApiEvent } from '../api/http.js';

/** An HTTP request of the local server as the API's event: headers joined, cookies split, as API Gateway does. */
export function toApiEvent(request: IncomingMessage, body: Buffer): ApiEvent {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    if (name === 'cookie')
      cookies.push(...(Array.isArray(value) ? value : [value]).flatMap((v) => v.split(/;\s*/)));
    else headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return toApiGatewayEvent({
    method: request.method ?? 'GET',
    path: url.pathname,
    query: url.search.slice(1),
    headers,
    cookies,
    body,
    sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
    protocol: `HTTP/${request.httpVersion}`,
  });
}
