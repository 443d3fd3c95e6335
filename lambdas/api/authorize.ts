import { createHash, timingSafeEqual } from 'node:crypto';
import { ConfigError } from '../core/errors.js';
import { ADMIN_GROUP } from '../site/env-names.js';
import type { Actor } from '../store/pointer.js';
import type { ApiEvent } from './http.js';

/** Who a request comes from, or undefined when it carries no valid credentials (401). */
export type Authorize = (event: ApiEvent) => Actor | undefined;

/** One instructor of the local server: a name, the SHA-256 of their token, and whether they administer. */
export interface LocalInstructor {
  name: string;
  tokenSha256: Buffer;
  admin: boolean;
}

/** The shortest token the local server accepts: anything shorter could be guessed. */
export const MIN_TOKEN_LENGTH = 16;

/** The SHA-256 digest of a token, as the users file may give it instead of the token itself. */
export function tokenDigest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/**
 * Local server: `Authorization: Bearer <token>` names one instructor. The token is hashed and
 * compared with every instructor's digest in constant time (no early exit), so the time taken says
 * nothing about which, or how much of one, matched.
 */
export function createTokenAuthorizer(instructors: readonly LocalInstructor[]): Authorize {
  if (instructors.length === 0)
    throw new ConfigError('The local server needs at least one instructor', { key: 'users' });
  return (event) => {
    const token = bearerToken(event);
    if (token === undefined) return undefined;
    const digest = tokenDigest(token);
    let found: LocalInstructor | undefined;
    for (const instructor of instructors) {
      if (timingSafeEqual(digest, instructor.tokenSha256) && !found) found = instructor;
    }
    return found && { id: `local:${found.name}`, name: found.name, admin: found.admin };
  };
}

/** `LECTERN_TOKEN` alone: one instructor, who administers the site. */
export function singleAdmin(token: string): LocalInstructor[] {
  if (token.length === 0) throw new ConfigError('The API token must not be empty', { key: 'token' });
  return [{ name: 'admin', tokenSha256: tokenDigest(token), admin: true }];
}

/**
 * Deployed: API Gateway's JWT authorizer has already verified the Cognito token before the Lambda
 * runs, and puts the verified claims in the request context. The instructor is the `sub`, shown by
 * e-mail; an administrator is a member of the Cognito group the stack creates. No claims means no
 * authorizer ran (a route left open by mistake), so refuse rather than trust.
 */
export const authorizeByJwtClaims: Authorize = (event) => {
  const context = event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, unknown> } } };
  const claims = context.authorizer?.jwt?.claims;
  const sub = claims?.sub;
  if (typeof sub !== 'string' || sub === '') return undefined;
  const email = claims?.email;
  return {
    id: sub,
    name: typeof email === 'string' && email !== '' ? email : sub,
    admin: groupsOf(claims?.['cognito:groups']).includes(ADMIN_GROUP),
  };
};

/** API Gateway hands a list claim over as `[a b]` (a string); a test or another authorizer may send an array. */
function groupsOf(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.map(String);
  if (typeof claim !== 'string') return [];
  return claim
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter((group) => group !== '');
}

function bearerToken(event: ApiEvent): string | undefined {
  const header = event.headers?.authorization ?? event.headers?.Authorization;
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}
