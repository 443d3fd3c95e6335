import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../lambdas/server/start-server.js';
import { openDeckStore } from '../../lambdas/store/open-deck-store.js';
import { lectureYaml } from './support/lectures.js';

const TOKEN = 'session-test-token-0123';
const HOURS = 60 * 60 * 1000;

let dataDir: string;
let server: RunningServer;
let now = Date.parse('2026-12-01T09:00:00Z');

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: { error?: { code?: string }; signedIn?: boolean; name?: string; id?: string } | undefined;
}

/** One request with exactly these headers (fetch would add or refuse some, such as Origin and Host). */
function send(method: string, path: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: text ? JSON.parse(text) : undefined,
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const origin = () => new URL(server.url).origin;
const setCookies = (answer: Answer) => (answer.headers['set-cookie'] ?? []) as string[];

/** Signs in as the page does and answers the cookie to send back (`name=value`). */
async function signIn(): Promise<string> {
  const answer = await send('POST', '/api/session', { authorization: `Bearer ${TOKEN}`, origin: origin() });
  expect(answer.status).toBe(200);
  const [cookie] = setCookies(answer);
  return cookie?.split(';')[0] ?? '';
}

/** What the page sends with a change: the cookie, the CSRF header and its own origin. */
const fromPage = (cookie: string) => ({ cookie, 'x-lectern-csrf': '1', origin: origin() });

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'lectern-session-'));
  server = await startServer({
    store: await openDeckStore({ dataDir }),
    token: TOKEN,
    port: 0,
    clock: () => new Date(now),
  });
});

afterAll(async () => {
  await server?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('signing in by session cookie', () => {
  it('exchanges the token for an HttpOnly, SameSite=Strict cookie scoped to /api/, without Secure only on plain http to localhost', async () => {
    const answer = await send('POST', '/api/session', { authorization: `Bearer ${TOKEN}`, origin: origin() });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ signedIn: true, name: 'admin' });
    const [cookie = '', ...others] = setCookies(answer);
    expect(others).toEqual([]);
    const attributes = cookie.split(/;\s*/);
    expect(attributes[0]).toMatch(/^lectern_session=[\w-]+\.[\w-]+$/);
    expect(attributes.slice(1).sort()).toEqual([
      'HttpOnly',
      'Max-Age=28800',
      'Path=/api/',
      'SameSite=Strict',
    ]);
    expect(cookie).not.toContain(TOKEN);

    // Reached under any other name, the cookie is Secure.
    const named = await send('POST', '/api/session', {
      authorization: `Bearer ${TOKEN}`,
      host: 'lectern.example.edu',
    });
    expect(named.status).toBe(200);
    expect(setCookies(named)[0]?.split(/;\s*/)).toContain('Secure');
  });

  it('refuses a wrong token, or a sign-in from another site, and sets nothing', async () => {
    const wrong = await send('POST', '/api/session', {
      authorization: 'Bearer not-the-token-at-all',
      origin: origin(),
    });
    expect([wrong.status, wrong.body?.error?.code, setCookies(wrong)]).toEqual([401, 'unauthorized', []]);
    const elsewhere = await send('POST', '/api/session', {
      authorization: `Bearer ${TOKEN}`,
      origin: 'https://evil.example',
    });
    expect([elsewhere.status, elsewhere.body?.error?.code, setCookies(elsewhere)]).toEqual([
      403,
      'csrf-refused',
      [],
    ]);
  });

  it('lets the cookie read and, with the CSRF header and the site’s origin, publish', async () => {
    const cookie = await signIn();
    expect((await send('GET', '/api/session', { cookie })).body).toMatchObject({
      signedIn: true,
      name: 'admin',
    });
    expect((await send('GET', '/api/decks', { cookie })).status).toBe(200);
    const published = await send(
      'POST',
      '/api/decks',
      { ...fromPage(cookie), 'content-type': 'application/yaml' },
      lectureYaml('by-cookie'),
    );
    expect([published.status, published.body?.id]).toEqual([201, 'by-cookie']);
  });

  it('refuses a change without the CSRF header, or from another origin, and changes nothing', async () => {
    const cookie = await signIn();
    const attempts: [string, Record<string, string>][] = [
      ['no CSRF header', { cookie, origin: origin() }],
      ['a wrong CSRF header', { cookie, origin: origin(), 'x-lectern-csrf': 'yes' }],
      ['another origin', { cookie, 'x-lectern-csrf': '1', origin: 'https://evil.example' }],
      ['no origin', { cookie, 'x-lectern-csrf': '1' }],
      ['an opaque origin', { cookie, 'x-lectern-csrf': '1', origin: 'null' }],
    ];
    for (const [what, headers] of attempts) {
      const answer = await send(
        'POST',
        '/api/decks',
        { ...headers, 'content-type': 'application/yaml' },
        lectureYaml('csrf-victim'),
      );
      expect([answer.status, answer.body?.error?.code], what).toEqual([403, 'csrf-refused']);
      const removal = await send('DELETE', '/api/decks/by-cookie', headers);
      expect(removal.status, what).toBe(403);
    }
    expect((await send('GET', '/api/decks/csrf-victim', { cookie })).status).toBe(404);
    expect((await send('GET', '/api/decks/by-cookie', { cookie })).status).toBe(200);
  });

  it('keeps taking the bearer token with no CSRF header, for the CLI and curl', async () => {
    const answer = await send(
      'POST',
      '/api/decks',
      { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/yaml' },
      lectureYaml('by-bearer'),
    );
    expect(answer.status).toBe(201);
  });

  it('refuses a forged or altered cookie', async () => {
    const cookie = await signIn();
    const [name, value = ''] = cookie.split('=');
    const [payload = '', mac = ''] = value.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ n: 'admin', e: now / 1000 + 1e6 })).toString(
      'base64url',
    );
    for (const bad of [
      `${name}=${forgedPayload}.${mac}`,
      `${name}=${payload}.${mac.slice(0, -2)}AA`,
      `${name}=${payload}`,
      `${name}=x`.repeat(300),
    ]) {
      expect((await send('GET', '/api/decks', { cookie: bad })).status, bad).toBe(401);
    }
  });

  it('ends when it expires: 401, and the session says signed out', async () => {
    const cookie = await signIn();
    now += 8 * HOURS - 1000;
    expect((await send('GET', '/api/decks', { cookie })).status).toBe(200);
    now += 2000;
    const expired = await send('GET', '/api/decks', { cookie });
    expect([expired.status, expired.body?.error?.code]).toEqual([401, 'unauthorized']);
    expect((await send('GET', '/api/session', { cookie })).body).toEqual({ signedIn: false });
  });

  it('signs out: the cookie is cleared, with the CSRF header required', async () => {
    const cookie = await signIn();
    const refused = await send('DELETE', '/api/session', { cookie, origin: origin() });
    expect([refused.status, setCookies(refused)]).toEqual([403, []]);
    const answer = await send('DELETE', '/api/session', fromPage(cookie));
    expect(answer.status).toBe(204);
    const [cleared = ''] = setCookies(answer);
    expect(cleared.split(/;\s*/)).toEqual(
      expect.arrayContaining(['lectern_session=', 'Max-Age=0', 'Path=/api/', 'HttpOnly']),
    );
  });
});
