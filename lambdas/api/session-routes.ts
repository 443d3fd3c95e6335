import type { Actor } from '../store/pointer.js';
import type { Authorize } from './authorize.js';
import { type ApiEvent, type ApiResult, HttpError, jsonResult } from './http.js';
import { clearedSessionCookie, type SessionKeeper, sessionCookie } from './session-cookie.js';

/** The header the instructors' page sends with every call; a page on another site cannot send it without a CORS preflight, which this API never grants. */
export const CSRF_HEADER = 'x-lectern-csrf';

export const SESSION_PATH = '/api/session';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Signing in on the local server's page: `POST /api/session` with `Authorization: Bearer <token>`
 * sets the session cookie, `GET` says who is signed in, `DELETE` signs out. Any other route takes
 * the cookie in place of the bearer token, with a CSRF check on every request that changes something.
 */
export function createSessionRoutes(sessions: SessionKeeper, authorize: Authorize) {
  return {
    /** The answer of a `/api/session` request; undefined for any other path. */
    answer(method: string, event: ApiEvent): ApiResult | undefined {
      const path = event.rawPath.replace(/\/+$/, '');
      if (path !== SESSION_PATH) return undefined;
      if (method === 'GET') {
        const session = sessions.read(event);
        return jsonResult(
          200,
          session
            ? { signedIn: true, ...describe(session.actor), expiresAt: session.expiresAt.toISOString() }
            : { signedIn: false },
        );
      }
      if (method === 'POST') {
        checkOrigin(event, false);
        const actor = authorize(event);
        if (!actor) throw unauthorized();
        const { value, expiresAt, maxAgeSeconds } = sessions.issue(actor.name);
        return {
          ...jsonResult(200, { signedIn: true, ...describe(actor), expiresAt: expiresAt.toISOString() }),
          cookies: [sessionCookie(value, maxAgeSeconds, event)],
        };
      }
      if (method === 'DELETE') {
        checkCsrf(event);
        return {
          statusCode: 204,
          headers: { 'cache-control': 'no-store' },
          cookies: [clearedSessionCookie(event)],
        };
      }
      throw new HttpError(405, 'method-not-allowed', 'This path answers GET, POST, DELETE only.', [], {
        headers: { allow: 'GET, POST, DELETE' },
      });
    },

    /**
     * The instructor of a request that sent no bearer token, from its session cookie: a request that
     * changes something must also carry the CSRF header and come from this site's own origin (403).
     */
    actorOf(method: string, event: ApiEvent): Actor | undefined {
      const session = sessions.read(event);
      if (!session) return undefined;
      if (!SAFE_METHODS.has(method)) checkCsrf(event);
      return session.actor;
    },
  };
}

/** The 401 of every route: no valid bearer token, and no valid session cookie where sessions are kept. */
export function unauthorized(): HttpError {
  return new HttpError(401, 'unauthorized', 'Send a valid token: Authorization: Bearer <token>.', [], {
    headers: { 'www-authenticate': 'Bearer' },
  });
}

/** Both checks against cross-site requests riding on the cookie: the custom header, and an `Origin` that is this site. */
function checkCsrf(event: ApiEvent): void {
  if (header(event, CSRF_HEADER) !== '1') {
    throw new HttpError(
      403,
      'csrf-refused',
      `A request signed in by cookie must send the header ${CSRF_HEADER}: 1 (the instructors' page does); nothing was changed.`,
    );
  }
  checkOrigin(event, true);
}

/** An `Origin` other than this site's own is refused; `required` refuses a request without one too. */
function checkOrigin(event: ApiEvent, required: boolean): void {
  const origin = header(event, 'origin');
  if (origin === undefined && !required) return;
  let host: string | undefined;
  try {
    host = origin && origin !== 'null' ? new URL(origin).host : undefined;
  } catch {
    host = undefined;
  }
  const own = header(event, 'host');
  if (host === undefined || own === undefined || host !== own.toLowerCase()) {
    throw new HttpError(
      403,
      'csrf-refused',
      'This request comes from another site (its Origin is not this one); nothing was changed.',
    );
  }
}

function header(event: ApiEvent, name: string): string | undefined {
  const headers = event.headers ?? {};
  const value = headers[name] ?? Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
  return value === undefined ? undefined : value.trim();
}

function describe(actor: Actor) {
  return { name: actor.name, admin: actor.admin };
}
