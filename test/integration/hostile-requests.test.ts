import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../lambdas/core/limits.js';
import { lectureYaml } from './support/lectures.js';
import { rawExchange } from './support/raw-http.js';

// The bundled server (`npm start`) in its own process, so its memory is its own to measure.
const root = resolve(import.meta.dirname, '../..');
const TOKEN = 'hostile-test-token-0123456789';
const AUTH = `Authorization: Bearer ${TOKEN}\r\n`;
/** What the README promises the server's memory stays under, whatever it is sent. */
const RSS_BOUND_MB = 512;

let server: ChildProcess;
let url: string;
let dataDir: string;

function startServer(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [join(root, 'dist', 'server.mjs')], {
    cwd: root,
    env: { ...process.env, PORT: '0', LECTERN_SEED: 'none', POWERTOOLS_LOG_LEVEL: 'SILENT', ...env },
    stdio: 'pipe',
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return { child, output: () => output };
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'lectern-hostile-'));
  const started = startServer({ LECTERN_DATA_DIR: dataDir, LECTERN_TOKEN: TOKEN });
  server = started.child;
  const deadline = Date.now() + 20_000;
  while (!/serving on (\S+)\//.test(started.output())) {
    if (server.exitCode !== null || Date.now() > deadline) throw new Error(`server: ${started.output()}`);
    await new Promise((done) => setTimeout(done, 50));
  }
  url = /serving on (\S+)\//.exec(started.output())?.[1] ?? '';
}, 30_000);

afterAll(async () => {
  server?.kill('SIGKILL');
  await rm(dataDir, { recursive: true, force: true });
});

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]) / 1024;
}

function post(
  path: string,
  body: string,
  type = 'application/json',
  auth = AUTH,
): Promise<Awaited<ReturnType<typeof rawExchange>>> {
  const head = `POST ${path} HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`;
  return rawExchange(url, head, body);
}

const deepJson = '['.repeat(1000) + ']'.repeat(1000);
const deepYaml = `${'- '.repeat(1000)}x\n`;
const sources = Array.from(
  { length: LIMITS.sources },
  (_, i) => `  - {id: source-${i}, text: "Source ${i}"}`,
).join('\n');
const manyCites = `id: cites\ntitle: T\nsources:\n${sources}\nsections:\n  - title: A\n    slides:\n${Array.from(
  { length: 200 },
  (_, i) =>
    `      - points: [p]\n        cite: [${Array.from({ length: 50 }, (_, c) => `nope-${i}-${c}`).join(', ')}]`,
).join('\n')}\n`;
const tooManyValues = `{"id":"a","title":"T","sections":[{"title":"A","slides":[{"points":[${Array.from({ length: 40_000 }, () => '"x"').join(',')}]}]}]}`;
const unknownKeys = `{"id":"a","title":"T","sections":[{"title":"A","slides":[{"points":["a"]}]}],${Array.from({ length: 10_000 }, (_, i) => `"k${i}":1`).join(',')}}`;
const aliasBomb = `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n`;

/** Each hostile request, and the answer it must get. */
const CORPUS: { name: string; send: () => ReturnType<typeof rawExchange>; status: number; code: string }[] = [
  {
    name: 'no token, announcing 50 MB it never sends',
    send: () =>
      rawExchange(
        url,
        `POST /api/decks HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 52428800\r\n\r\n`,
      ),
    status: 401,
    code: 'unauthorized',
  },
  {
    name: 'a wrong token',
    send: () =>
      post('/api/validate', '{}', 'application/json', 'Authorization: Bearer wrong-token-wrong-token\r\n'),
    status: 401,
    code: 'unauthorized',
  },
  {
    name: 'a valid token announcing 50 MB',
    send: () =>
      rawExchange(
        url,
        `POST /api/decks HTTP/1.1\r\nHost: x\r\n${AUTH}Content-Type: application/json\r\nContent-Length: 52428800\r\n\r\n`,
      ),
    status: 413,
    code: 'body-too-large',
  },
  {
    name: 'a chunked body over 1 MiB',
    send: () => {
      const chunk = 'x'.repeat(256 * 1024);
      const chunks = Array.from({ length: 5 }, () => `${chunk.length.toString(16)}\r\n${chunk}\r\n`).join('');
      return rawExchange(
        url,
        `POST /api/validate HTTP/1.1\r\nHost: x\r\n${AUTH}Content-Type: application/yaml\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n`,
        `${chunks}0\r\n\r\n`,
      );
    },
    status: 413,
    code: 'body-too-large',
  },
  {
    name: 'headers of 64 KB',
    send: () =>
      rawExchange(url, `GET /api/decks HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`),
    status: 431,
    code: 'headers-too-large',
  },
  {
    name: 'a malformed request line',
    send: () => rawExchange(url, 'GET /api/decks HTTP/9.Z\r\nHost: x\r\n\r\n'),
    status: 400,
    code: 'bad-request',
  },
  {
    name: '1,000 nested [ in JSON',
    send: () => post('/api/validate', deepJson),
    status: 400,
    code: 'parse-error',
  },
  { name: 'the same again', send: () => post('/api/decks', deepJson), status: 400, code: 'parse-error' },
  {
    name: '1,000 nested lists in YAML',
    send: () => post('/api/validate', deepYaml, 'application/yaml'),
    status: 400,
    code: 'parse-error',
  },
  { name: '40,000 values', send: () => post('/api/decks', tooManyValues), status: 400, code: 'parse-error' },
  {
    name: 'an alias bomb',
    send: () => post('/api/validate', aliasBomb, 'application/yaml'),
    status: 400,
    code: 'parse-error',
  },
  {
    name: '10,000 unknown cites',
    send: () => post('/api/decks', manyCites, 'application/yaml'),
    status: 422,
    code: 'invalid-lecture',
  },
  {
    name: '10,000 unknown keys',
    send: () => post('/api/decks', unknownKeys),
    status: 422,
    code: 'invalid-lecture',
  },
  {
    name: 'a content type that is neither',
    send: () => post('/api/decks', '<x/>', 'application/xml'),
    status: 415,
    code: 'unsupported-media-type',
  },
  {
    name: 'bytes that are not UTF-8',
    send: () =>
      rawExchange(
        url,
        `POST /api/validate HTTP/1.1\r\nHost: x\r\n${AUTH}Content-Type: application/yaml\r\nContent-Length: 4\r\nConnection: close\r\n\r\n`,
        Buffer.from([0x69, 0x64, 0x3a, 0xff]),
      ),
    status: 400,
    code: 'bad-encoding',
  },
];

describe('hostile requests against the running server', () => {
  it.each(CORPUS)(
    '$name → $status',
    async ({ send, status, code }) => {
      const answer = await send();
      expect(answer.status).toBe(status);
      expect(answer.headers['content-type']).toMatch(/^application\/json/);
      const body = JSON.parse(answer.body) as {
        error: { code: string; message: string; details: unknown[] };
      };
      expect(body.error.code).toBe(code);
      // Bounded answers: a hundred details at most (and one that counts the rest), short messages.
      expect(body.error.details.length).toBeLessThanOrEqual(101);
      expect(answer.body.length).toBeLessThan(64 * 1024);
    },
    30_000,
  );

  it('names the line and column of too deep a nesting', async () => {
    const body = JSON.parse((await post('/api/validate', deepJson)).body);
    expect(body.error.details[0]).toMatchObject({ code: 'nesting-limit', line: 1, col: 65 });
  });

  it('answers a folder under /decks/ with 404', async () => {
    expect((await post('/api/decks', lectureYaml('folder'), 'application/yaml')).status).toBe(201);
    for (const path of ['/decks/folder/v', '/decks/folder/v/']) {
      const answer = await rawExchange(url, `GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      expect([404, 301]).toContain(answer.status);
    }
    const folder = await rawExchange(
      url,
      'GET /decks/folder/v HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    );
    expect(folder.status).toBe(404);
  });

  it('still answers afterwards, with its memory bounded', async () => {
    const list = await rawExchange(
      url,
      `GET /api/decks HTTP/1.1\r\nHost: x\r\n${AUTH}Connection: close\r\n\r\n`,
    );
    expect(list.status).toBe(200);
    expect(server.exitCode).toBeNull();
    expect(rssMb(server.pid ?? 0)).toBeLessThan(RSS_BOUND_MB);
  });
});

describe('a weak token', () => {
  it('stops the server at start, saying why', async () => {
    const started = startServer({ LECTERN_DATA_DIR: join(dataDir, 'weak'), LECTERN_TOKEN: 'short' });
    const code = await new Promise<number | null>((done) => started.child.once('exit', done));
    expect(code).toBe(1);
    expect(started.output()).toMatch(/LECTERN_TOKEN is 5 characters long; use at least 16/);
  }, 20_000);
});
