import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

export interface EventInput {
  method: string;
  path: string;
  body?: string;
  headers?: Record<string, string>;
  /** Send the body base64-encoded, as API Gateway does for bodies it does not treat as text. */
  base64?: boolean;
  /** The query string, without its `?`. */
  query?: string;
  /** Verified JWT claims, as API Gateway's JWT authorizer adds them. */
  claims?: Record<string, string>;
}

/** An API Gateway HTTP API (payload format 2.0) event, shaped as API Gateway sends it to the Lambda. */
export function apiEvent(input: EventInput): APIGatewayProxyEventV2 {
  const now = new Date('2026-11-25T08:00:00Z');
  const headers = {
    accept: '*/*',
    'content-length': String(Buffer.byteLength(input.body ?? '')),
    host: 'abc123.execute-api.eu-west-1.amazonaws.com',
    'user-agent': 'curl/8.5.0',
    'x-forwarded-for': '192.0.2.10',
    'x-forwarded-port': '443',
    'x-forwarded-proto': 'https',
    ...input.headers,
  };
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: '$default',
    rawPath: input.path,
    rawQueryString: input.query ?? '',
    headers,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: 'abc123.execute-api.eu-west-1.amazonaws.com',
      domainPrefix: 'abc123',
      http: {
        method: input.method,
        path: input.path,
        protocol: 'HTTP/1.1',
        sourceIp: '192.0.2.10',
        userAgent: 'curl/8.5.0',
      },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    isBase64Encoded: input.base64 === true,
    ...(input.body !== undefined
      ? { body: input.base64 ? Buffer.from(input.body, 'utf8').toString('base64') : input.body }
      : {}),
  };
  if (input.claims) {
    Object.assign(event.requestContext, {
      authorizer: { jwt: { claims: input.claims, scopes: null }, principalId: '', integrationLatency: 0 },
    });
  }
  return event;
}
