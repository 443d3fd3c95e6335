import { randomUUID } from 'node:crypto';
import type { ApiEvent } from './http.js';

export interface ApiRequest {
  method: string;
  path: string;
  /** The raw query string, without its `?`. */
  query?: string;
  headers: Readonly<Record<string, string>>;
  cookies?: readonly string[];
  body?: Uint8Array;
  sourceIp?: string;
  protocol?: string;
}

/**
 * A request as API Gateway (HTTP API, payload 2.0) hands it to the Lambda, so the local server and
 * in-process callers run the very same handler. A body is passed base64-encoded, as API Gateway
 * does for bodies it does not treat as text; the handler decodes either.
 */
export function toApiGatewayEvent(request: ApiRequest): ApiEvent {
  const query = request.query ?? '';
  const queryStringParameters: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(query)) {
    queryStringParameters[name] = queryStringParameters[name]
      ? `${queryStringParameters[name]},${value}`
      : value;
  }
  const host = request.headers.host ?? 'localhost';
  const body = request.body && request.body.byteLength > 0 ? Buffer.from(request.body) : undefined;
  const now = new Date();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: request.path,
    rawQueryString: query,
    ...(request.cookies && request.cookies.length > 0 ? { cookies: [...request.cookies] } : {}),
    headers: { ...request.headers },
    ...(query ? { queryStringParameters } : {}),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: host,
      domainPrefix: host.split('.')[0] ?? 'localhost',
      http: {
        method: request.method.toUpperCase(),
        path: request.path,
        protocol: request.protocol ?? 'HTTP/1.1',
        sourceIp: request.sourceIp ?? '127.0.0.1',
        userAgent: request.headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    ...(body ? { body: body.toString('base64') } : {}),
    isBase64Encoded: body !== undefined,
  };
}
