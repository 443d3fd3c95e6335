import { createHash, timingSafeEqual } from 'node:crypto';
import { ConfigError } from '../core/errors.js';
import type { ApiEvent } from './http.js';

/** Decides whether a request may use the API. */
export type Authorize = (event: ApiEvent) => boolean;

/**
 * Local server: the request must carry `Authorization: Bearer <token>`. Both sides are hashed first
 * so the comparison takes the same time whatever the length or content of the guess.
 */
export function createTokenAuthorizer(token: string): Authorize {
  if (token.length === 0) throw new ConfigError('The API token must not be empty', { key: 'token' });
  const expected = digest(token);
  return (event) => {
    const header = event.headers?.authorization ?? event.headers?.Authorization;
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match?.[1]) return false;
    return timingSafeEqual(digest(match[1]), expected);
  };
}

/**
 * Deployed: API Gateway's JWT authorizer has already verified the token before the Lambda runs,
 * and puts the verified claims in the request context. Their absence means no authorizer ran
 * (a route left open by mistake), so refuse rather than trust.
 */
export const authorizeByJwtClaims: Authorize = (event) => {
  const context = event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, unknown> } } };
  const claims = context.authorizer?.jwt?.claims;
  return claims !== undefined && typeof claims.sub === 'string' && claims.sub !== '';
};

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
