import { describe, expect, it } from 'vitest';
import { type LocalInstructor, tokenDigest } from '../../../lambdas/api/authorize.js';
import type { ApiEvent } from '../../../lambdas/api/http.js';
import { createSessionKeeper, SESSION_COOKIE, sessionCookie } from '../../../lambdas/api/session-cookie.js';

const ada: LocalInstructor = { name: 'ada', tokenSha256: tokenDigest('ada-token-0123456789'), admin: false };
const root: LocalInstructor = {
  name: 'root',
  tokenSha256: tokenDigest('root-token-0123456789'),
  admin: true,
};
const at = (iso: string) => () => new Date(iso);
const withCookie = (value: string, headers: Record<string, string> = {}) =>
  ({ headers, cookies: [`other=1`, `${SESSION_COOKIE}=${value}`] }) as unknown as ApiEvent;

describe('the session cookie', () => {
  const keeper = createSessionKeeper({
    secret: 'a-secret',
    instructors: [ada, root],
    clock: at('2026-12-01T09:00:00Z'),
  });

  it('names its instructor until it expires', () => {
    const { value, expiresAt, maxAgeSeconds } = keeper.issue('root');
    expect([expiresAt.toISOString(), maxAgeSeconds]).toEqual(['2026-12-01T17:00:00.000Z', 28800]);
    expect(keeper.read(withCookie(value))?.actor).toEqual({ id: 'local:root', name: 'root', admin: true });
    const later = createSessionKeeper({
      secret: 'a-secret',
      instructors: [ada, root],
      clock: at('2026-12-01T17:00:00Z'),
    });
    expect(later.read(withCookie(value))).toBeUndefined();
  });

  it('is worthless under another secret, after its instructor’s token changes, or once they are removed', () => {
    const { value } = keeper.issue('ada');
    const clock = at('2026-12-01T10:00:00Z');
    const rotated = { ...ada, tokenSha256: tokenDigest('a-new-token-for-ada-0123') };
    expect(
      createSessionKeeper({ secret: 'a-secret', instructors: [ada], clock }).read(withCookie(value)),
    ).toBeDefined();
    expect(
      createSessionKeeper({ secret: 'b-secret', instructors: [ada], clock }).read(withCookie(value)),
    ).toBeUndefined();
    expect(
      createSessionKeeper({ secret: 'a-secret', instructors: [rotated], clock }).read(withCookie(value)),
    ).toBeUndefined();
    expect(
      createSessionKeeper({ secret: 'a-secret', instructors: [root], clock }).read(withCookie(value)),
    ).toBeUndefined();
  });

  it('cannot be turned into another instructor’s', () => {
    const [payload = '', mac = ''] = keeper.issue('ada').value.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { e: number };
    const asRoot = Buffer.from(JSON.stringify({ n: 'root', e: claims.e })).toString('base64url');
    expect(keeper.read(withCookie(`${asRoot}.${mac}`))).toBeUndefined();
    expect(keeper.read(withCookie('not base64 at all.!!'))).toBeUndefined();
  });

  it.each([
    ['127.0.0.1:8080', undefined, false],
    ['localhost:8080', undefined, false],
    ['[::1]:8080', undefined, false],
    ['127.0.0.1:8080', 'https', true],
    ['lectern.example.edu', undefined, true],
    ['192.168.1.20:8080', 'http', true],
  ])('is Secure for host %s (forwarded proto %s): %s', (host, proto, secure) => {
    const event = {
      headers: { host, ...(proto ? { 'x-forwarded-proto': proto } : {}) },
    } as unknown as ApiEvent;
    expect(sessionCookie('v', 60, event).split('; ').includes('Secure')).toBe(secure);
  });
});
