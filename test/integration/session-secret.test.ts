import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ServerProcess, startServerProcess } from './support/server-process.js';

// Two `npm start` processes with the same instructors (a users file, so that no token is shared to
// derive a key from): a session cookie one signs is good at the other only when both are given the
// same LECTERN_SESSION_SECRET, as after a restart.
const TOKEN = 'session-secret-test-token-0123';
const SECRET = 'a-session-secret-of-some-length-0123';

let root: string;
let usersFile: string;
const running: ServerProcess[] = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'lectern-session-secret-'));
  usersFile = join(root, 'users.yaml');
  await writeFile(usersFile, `instructors:\n  - name: ada\n    token: ${TOKEN}\n    admin: true\n`);
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.kill()));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function start(env: Record<string, string>): Promise<ServerProcess> {
  const server = await startServerProcess({
    LECTERN_USERS_FILE: usersFile,
    LECTERN_DATA_DIR: join(root, 'data'),
    ...env,
  });
  running.push(server);
  return server;
}

/** One request with exactly these headers (fetch refuses to send Origin and Host as given). */
function send(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; cookies: string[]; body: { signedIn?: boolean; name?: string } }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method, headers }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => {
        text += chunk.toString();
      });
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          cookies: (res.headers['set-cookie'] ?? []) as string[],
          body: text ? JSON.parse(text) : {},
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Signs in at `server` as the page does; the cookie to send back (`name=value`). */
async function signIn(server: ServerProcess): Promise<string> {
  const answer = await send(server.url, 'POST', '/api/session', {
    authorization: `Bearer ${TOKEN}`,
    origin: server.url,
  });
  expect(answer.status).toBe(200);
  const cookie = answer.cookies[0]?.split(';')[0] ?? '';
  expect(cookie).toMatch(/^lectern_session=./);
  return cookie;
}

const whoAmI = (server: ServerProcess, cookie: string) => send(server.url, 'GET', '/api/session', { cookie });
const listDecks = (server: ServerProcess, cookie: string) =>
  send(server.url, 'GET', '/api/decks', { cookie });

describe('the session secret', () => {
  it('lets a cookie signed by one process sign in at another given the same LECTERN_SESSION_SECRET', async () => {
    const [first, second] = await Promise.all([
      start({ LECTERN_SESSION_SECRET: SECRET }),
      start({ LECTERN_SESSION_SECRET: SECRET }),
    ]);
    const cookie = await signIn(first);
    expect((await whoAmI(second, cookie)).body).toMatchObject({ signedIn: true, name: 'ada' });
    expect((await listDecks(second, cookie)).status).toBe(200);
  }, 60_000);

  it('without it, each process signs with a key of its own: the other refuses the cookie', async () => {
    const [first, second] = await Promise.all([start({}), start({})]);
    const cookie = await signIn(first);
    expect((await whoAmI(first, cookie)).body).toMatchObject({ signedIn: true });
    expect((await whoAmI(second, cookie)).body).toEqual({ signedIn: false });
    expect((await listDecks(second, cookie)).status).toBe(401);
  }, 60_000);

  it('with a different secret, the other process refuses the cookie', async () => {
    const [first, second] = await Promise.all([
      start({ LECTERN_SESSION_SECRET: SECRET }),
      start({ LECTERN_SESSION_SECRET: `${SECRET}-other` }),
    ]);
    const cookie = await signIn(first);
    expect((await whoAmI(second, cookie)).body).toEqual({ signedIn: false });
  }, 60_000);

  it('stops the server at start when it is too short, saying why', async () => {
    const child = spawn(process.execPath, [join(import.meta.dirname, '..', '..', 'dist', 'server.mjs')], {
      env: {
        ...process.env,
        PORT: '0',
        LECTERN_USERS_FILE: usersFile,
        LECTERN_DATA_DIR: join(root, 'weak'),
        LECTERN_SEED: 'none',
        LECTERN_SESSION_SECRET: 'too-short',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const code = await new Promise<number | null>((done) => child.once('exit', done));
    expect(code).toBe(1);
    expect(output).toMatch(/LECTERN_SESSION_SECRET is 9 characters long; use at least 16/);
  }, 20_000);
});
