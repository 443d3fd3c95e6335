import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { Actor } from '../store/pointer.js';
import type { LocalInstructor } from './authorize.js';
import type { ApiEvent } from './http.js';

/** The cookie's name. Not `__Host-`: that prefix needs `Path=/` and `Secure`, and this one is scoped to `/api/` and may be plain http on localhost. */
export const SESSION_COOKIE = 'lectern_session';

/** How long a sign-in lasts. */
export const SESSION_SECONDS = 8 * 60 * 60;

/** A cookie value longer than this is not one of ours; refused before any parsing. */
const MAX_COOKIE_CHARS = 512;

export interface SessionKeeperOptions {
  /** The configured secret the signing key is derived from (the token, or random bytes per process). */
  secret: string | Uint8Array;
  instructors: readonly LocalInstructor[];
  clock: () => Date;
  lifetimeSeconds?: number;
}

/** Signs and checks the session cookie of the local server's instructors. */
export interface SessionKeeper {
  /** The instructor a valid, unexpired session cookie names, with when it ends; undefined otherwise. */
  read(event: ApiEvent): { actor: Actor; expiresAt: Date } | undefined;
  /** A new session for the instructor named: the value of the cookie, when it ends and its lifetime in seconds. */
  issue(name: string): { value: string; expiresAt: Date; maxAgeSeconds: number };
}

/**
 * Sessions without a database: the cookie is `payload.mac`, where the payload names the instructor
 * and the expiry, and the mac is an HMAC-SHA256 of the payload and that instructor's token digest
 * under a key derived (HKDF) from the configured secret. Changing the secret ends every session;
 * changing one instructor's token ends theirs; removing an instructor ends theirs.
 */
export function createSessionKeeper(options: SessionKeeperOptions): SessionKeeper {
  const key = Buffer.from(hkdfSync('sha256', options.secret, '', 'lectern session cookie v1', 32));
  const lifetime = options.lifetimeSeconds ?? SESSION_SECONDS;
  const byName = new Map(options.instructors.map((instructor) => [instructor.name, instructor]));
  const mac = (payload: string, instructor: LocalInstructor) =>
    createHmac('sha256', key).update(payload).update('\0').update(instructor.tokenSha256).digest();

  return {
    issue(name) {
      const instructor = byName.get(name);
      if (!instructor) throw new Error(`No instructor is named ${name}`);
      const expiresAt = new Date(Math.floor(options.clock().getTime() / 1000 + lifetime) * 1000);
      const payload = Buffer.from(JSON.stringify({ n: name, e: expiresAt.getTime() / 1000 })).toString(
        'base64url',
      );
      const value = `${payload}.${mac(payload, instructor).toString('base64url')}`;
      return { value, expiresAt, maxAgeSeconds: lifetime };
    },

    read(event) {
      const value = cookieValue(event);
      if (value === undefined || value.length > MAX_COOKIE_CHARS) return undefined;
      const [payload = '', signature = '', ...rest] = value.split('.');
      if (rest.length > 0) return undefined;
      const claims = parsePayload(payload);
      const instructor = claims && byName.get(claims.n);
      if (!claims || !instructor) return undefined;
      const given = Buffer.from(signature, 'base64url');
      const expected = mac(payload, instructor);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      const expiresAt = new Date(claims.e * 1000);
      if (expiresAt.getTime() <= options.clock().getTime()) return undefined;
      return {
        actor: { id: `local:${instructor.name}`, name: instructor.name, admin: instructor.admin },
        expiresAt,
      };
    },
  };
}

/** The `Set-Cookie` that stores a session: HttpOnly, SameSite=Strict, sent to `/api/` only, Secure unless plain http on this machine. */
export function sessionCookie(value: string, maxAgeSeconds: number, event: ApiEvent): string {
  const secure = isPlainLocalHttp(event) ? '' : '; Secure';
  return `${SESSION_COOKIE}=${value}; Path=/api/; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Strict${secure}`;
}

/** The `Set-Cookie` that removes it. */
export function clearedSessionCookie(event: ApiEvent): string {
  return sessionCookie('', 0, event);
}

function cookieValue(event: ApiEvent): string | undefined {
  const prefix = `${SESSION_COOKIE}=`;
  const found = (event.cookies ?? []).find((cookie) => cookie.trimStart().startsWith(prefix));
  const value = found?.trimStart().slice(prefix.length).trim();
  return value ? value : undefined;
}

function parsePayload(payload: string): { n: string; e: number } | undefined {
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
    const { n, e } = (claims ?? {}) as { n?: unknown; e?: unknown };
    return typeof n === 'string' && typeof e === 'number' && Number.isFinite(e) ? { n, e } : undefined;
  } catch {
    return undefined;
  }
}

/** Plain http to a loopback name: the one place a browser may keep a cookie without `Secure`. */
function isPlainLocalHttp(event: ApiEvent): boolean {
  const proto = (event.headers?.['x-forwarded-proto'] ?? 'http').split(',')[0]?.trim().toLowerCase();
  if (proto !== 'http') return false;
  const host = hostName(event.headers?.host ?? '');
  return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || /^127\./.test(host);
}

/** The name part of a Host header (`[::1]:8080` → `[::1]`, `a.b:80` → `a.b`). */
function hostName(host: string): string {
  const lower = host.trim().toLowerCase();
  if (lower.startsWith('[')) return lower.slice(0, lower.indexOf(']') + 1);
  return lower.split(':')[0] ?? '';
}
