import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteSecurityHeaders } from '../../lambdas/node/security-headers.js';
import { type RunningServer, startServer } from '../../lambdas/server/start-server.js';
import { pageLayoutModule } from '../../lambdas/site/page-files.js';
import { createDeckStore } from '../../lambdas/store/deck-store.js';
import { createFsObjectStore } from '../../lambdas/store/fs-object-store.js';
import { rawRequest } from './support/http.js';
import { ALL_KINDS_YAML, lectureYaml } from './support/lectures.js';

const TOKEN = 'server-test-token-0123';
const AUTH = { authorization: `Bearer ${TOKEN}` };
const YAML = { ...AUTH, 'content-type': 'application/yaml' };

let dataDir: string;
let server: RunningServer;

const start = () =>
  startServer({ store: createDeckStore(createFsObjectStore(dataDir)), token: TOKEN, port: 0 });
const get = (path: string, init?: RequestInit) =>
  fetch(`${server.url}${path}`, { redirect: 'manual', ...init });

function expectSecurityHeaders(headers: Headers | Record<string, unknown>, what: string) {
  const read = (name: string) => (headers instanceof Headers ? headers.get(name) : headers[name]);
  const csp = String(read('content-security-policy'));
  for (const directive of [
    "default-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'self'",
    "form-action 'self'",
    "img-src 'self' https: data:",
  ]) {
    expect(csp, what).toContain(directive);
  }
  expect(csp, what).toMatch(/script-src 'self'/);
  expect(csp, what).not.toContain('unsafe-inline');
  expect(read('x-content-type-options'), what).toBe('nosniff');
  expect(read('referrer-policy'), what).toBe('no-referrer');
}

/** Every same-site URL a page loads (stylesheets, scripts, links to assets), resolved against the page. */
function loadedUrls(html: string, pageUrl: string): string[] {
  const { document } = parseHTML(html);
  const refs = [
    ...[...document.querySelectorAll('link[href]')].map((node) => node.getAttribute('href') ?? ''),
    ...[...document.querySelectorAll('script[src]')].map((node) => node.getAttribute('src') ?? ''),
  ];
  return refs
    .filter((ref) => !ref.startsWith('data:') && !/^https?:/.test(ref))
    .map((ref) => new URL(ref, pageUrl).toString());
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'lectern-server-'));
  server = await start();
});

afterAll(async () => {
  await server?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('the local site', () => {
  it('serves the instructor page and its files with the security headers', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expectSecurityHeaders(page.headers, '/');
    const { document } = parseHTML(await page.text());
    expect(document.querySelector('#lecture-editor')).not.toBeNull();
    expect(document.querySelector('input[type=file]')).not.toBeNull();
    // No inline script or style: the page must run under script-src 'self'.
    expect([...document.querySelectorAll('script')].every((s) => s.getAttribute('src'))).toBe(true);
    expect(document.querySelectorAll('style, [style]').length).toBe(0);
    for (const url of loadedUrls(await (await get('/')).text(), `${server.url}/`)) {
      const file = await fetch(url);
      expect(file.status, url).toBe(200);
    }
    expect((await get('/site.js')).headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await get('/site.css')).headers.get('content-type')).toMatch(/^text\/css/);
  });

  it("serves every module the page's script imports, the generated site layout among them", async () => {
    const seen = new Set<string>();
    const pending = ['site.js'];
    while (pending.length > 0) {
      const name = pending.pop() ?? '';
      if (seen.has(name)) continue;
      seen.add(name);
      const answer = await get(`/${name}`);
      expect(answer.status, name).toBe(200);
      expect(answer.headers.get('content-type'), name).toMatch(/^text\/javascript/);
      expect(answer.headers.get('cache-control'), name).toBe('no-cache');
      const source = await answer.text();
      for (const [, imported] of source.matchAll(/^import [^;]* from '\.\/([a-z-]+\.js)';$/gm)) {
        pending.push(imported ?? '');
      }
    }
    expect([...seen]).toEqual(expect.arrayContaining(['api-client.js', 'deck-list.js', 'site-layout.js']));
    const layout = await (await get('/site-layout.js')).text();
    expect(layout).toBe(pageLayoutModule());
  });

  it('sends exactly the shared header set', async () => {
    const page = await get('/');
    for (const [name, value] of Object.entries(siteSecurityHeaders())) {
      expect(page.headers.get(name), name).toBe(value);
    }
  });

  it('publishes over HTTP, then serves the deck, its handout, deck.json and every asset they load', async () => {
    const published = await get('/api/decks', { method: 'POST', headers: YAML, body: ALL_KINDS_YAML });
    expect(published.status).toBe(201);
    expectSecurityHeaders(published.headers, 'API answer');
    const deck = await published.json();

    const listed = await (await get('/api/decks', { headers: AUTH })).json();
    expect(listed.decks.map((d: { id: string }) => d.id)).toContain('all-kinds');

    // The current deck is a redirect to its immutable version, never cached; the query stays.
    const versionUrl = `/decks/all-kinds/v/${deck.version}/`;
    for (const [path, location] of [
      ['/decks/all-kinds', versionUrl],
      ['/decks/all-kinds/', versionUrl],
      ['/decks/all-kinds/?speaker', `${versionUrl}?speaker`],
      ['/decks/all-kinds/handout.html?print-pdf', `${versionUrl}handout.html?print-pdf`],
      ['/decks/all-kinds/deck.json', `${versionUrl}deck.json`],
    ]) {
      const answer = await get(path ?? '');
      expect(answer.status, path).toBe(302);
      expect(answer.headers.get('location'), path).toBe(location);
      expect(answer.headers.get('cache-control'), path).toBe('no-store');
      expectSecurityHeaders(answer.headers, path ?? '');
    }

    const pages = [
      `${server.url}${deck.url}`,
      `${server.url}${deck.handoutUrl}`,
      `${server.url}${deck.versionUrl}`,
    ];
    for (const pageUrl of pages) {
      const page = await fetch(pageUrl);
      expect(page.status, pageUrl).toBe(200);
      expect(page.url, pageUrl).toContain(versionUrl);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(page.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expectSecurityHeaders(page.headers, pageUrl);
      const urls = loadedUrls(await page.text(), page.url);
      expect(urls.length, pageUrl).toBeGreaterThan(0);
      for (const url of urls) {
        const asset = await fetch(url);
        expect(asset.status, url).toBe(200);
        expect(asset.headers.get('content-type'), url).toMatch(
          url.endsWith('.css') ? /^text\/css/ : /^text\/javascript/,
        );
      }
    }
    const pptx = await fetch(`${server.url}/decks/all-kinds/deck.pptx`);
    expect(pptx.status).toBe(200);
    expect(pptx.url).toContain(`${versionUrl}deck.pptx`);
    expect(pptx.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    );
    expect(pptx.headers.get('content-disposition')).toBe('attachment; filename="all-kinds.pptx"');
    expect(new Uint8Array(await pptx.arrayBuffer()).subarray(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
    const manifest = await fetch(`${server.url}/decks/all-kinds/deck.json`);
    expect(manifest.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await manifest.json()).version).toBe(deck.version);
    const head = await get(versionUrl, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await get('/decks/all-kinds/', { method: 'HEAD' })).status).toBe(302);
  });

  it('keeps the query string when it adds the trailing slash, and only ever redirects on the site', async () => {
    const cases: [string, string][] = [
      ['/decks/full-test/v/abc123?print-pdf', '/decks/full-test/v/abc123/?print-pdf'],
      ['/decks/full-test/v/abc123?', '/decks/full-test/v/abc123/'],
      ['/decks/full-test/v/abc123', '/decks/full-test/v/abc123/'],
      ['/decks/full-test/v/abc123?a=1&b=%20two', '/decks/full-test/v/abc123/?a=1&b=%20two'],
      // A query that looks like another site stays a query of this one.
      ['/decks/full-test/v/abc123?//evil.example/', '/decks/full-test/v/abc123/?//evil.example/'],
      ['/decks/full-test/v/abc123?@evil.example', '/decks/full-test/v/abc123/?@evil.example'],
      [
        '/decks/full-test/v/abc123?x=%0d%0aSet-Cookie:%20a=b',
        '/decks/full-test/v/abc123/?x=%0d%0aSet-Cookie:%20a=b',
      ],
    ];
    for (const [path, location] of cases) {
      const answer = await rawRequest(server.url, path);
      expect(answer.status, path).toBe(301);
      expect(answer.headers.location, path).toBe(location);
      expect(answer.headers['set-cookie'], path).toBeUndefined();
      expect(String(answer.headers.location), path).toMatch(/^\/[^/\\]/);
    }
    // The current deck's redirect keeps hostile queries on the site just the same.
    const version = (await (await get('/api/decks/all-kinds', { headers: AUTH })).json()).version;
    for (const query of ['?//evil.example/', '?@evil.example', '?x=%0d%0aSet-Cookie:%20a=b', '?speaker']) {
      const answer = await rawRequest(server.url, `/decks/all-kinds${query}`);
      expect(answer.status, query).toBe(302);
      expect(answer.headers.location, query).toBe(`/decks/all-kinds/v/${version}/${query}`);
      expect(answer.headers['set-cookie'], query).toBeUndefined();
    }
    // Paths that would make the Location start with `//` (another host) never redirect at all.
    for (const path of ['//evil.example/decks/x?y', '//decks/full-test?x', '/\\evil.example?x']) {
      const answer = await rawRequest(server.url, path);
      expect(answer.status, path).toBe(404);
      expect(answer.headers.location, path).toBeUndefined();
    }
  });

  it('answers unknown paths with the 404 page, headers included', async () => {
    for (const path of [
      '/nothing',
      '/decks/no-such-deck/',
      '/assets/nope.js',
      '/decks/all-kinds/secret.txt',
    ]) {
      const answer = await fetch(`${server.url}${path}`);
      expect(answer.status, path).toBe(404);
      expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await answer.text()).toContain('Not found');
      expectSecurityHeaders(answer.headers, path);
    }
    const post = await get('/decks/all-kinds/', { method: 'POST' });
    expect(post.status).toBe(405);
  });

  it('refuses every path that tries to leave the store or the asset list', async () => {
    const attempts = [
      '/assets/../package.json',
      '/assets/../../package.json',
      '/assets/%2e%2e/%2e%2e/package.json',
      '/assets/..%2f..%2fpackage.json',
      '/assets/..%5c..%5cpackage.json',
      '/decks/../../package.json',
      '/decks/all-kinds/..%2f..%2f..%2f..%2fpackage.json',
      '/decks/all-kinds/v/..%2f..%2f/index.html',
      '/decks/%2e%2e/index.html',
      '/decks/all-kinds/%00index.html',
      '/site.js/../package.json',
      '//etc/passwd',
      '/assets//etc/passwd',
      '/assets/reveal/../../../../../../etc/passwd',
    ];
    for (const path of attempts) {
      const answer = await rawRequest(server.url, path);
      expect(answer.status, path).toBe(404);
      expect(answer.body, path).not.toContain('"devDependencies"');
      expect(answer.body, path).not.toContain('root:');
    }
  });

  it('answers the API through the same handler: 401, 404 and 413 included', async () => {
    const denied = await get('/api/decks');
    expect(denied.status).toBe(401);
    expectSecurityHeaders(denied.headers, '401');
    expect((await denied.json()).error.code).toBe('unauthorized');
    expect((await get('/api/nothing', { headers: AUTH })).status).toBe(404);
    const huge = `${lectureYaml('huge')}# ${'x'.repeat(2 * 1024 * 1024)}\n`;
    const tooBig = await get('/api/decks', { method: 'POST', headers: YAML, body: huge });
    expect(tooBig.status).toBe(413);
  });

  it('deletes a deck, and keeps decks across a restart', async () => {
    for (const id of ['kept-deck', 'dropped-deck']) {
      const answer = await get('/api/decks', { method: 'POST', headers: YAML, body: lectureYaml(id) });
      expect(answer.status).toBe(201);
    }
    expect((await get('/api/decks/dropped-deck', { method: 'DELETE', headers: AUTH })).status).toBe(204);
    expect((await get('/decks/dropped-deck/')).status).toBe(404);

    await server.close();
    server = await start();

    const listed = await (await get('/api/decks', { headers: AUTH })).json();
    const ids = listed.decks.map((d: { id: string }) => d.id);
    expect(ids).toEqual(expect.arrayContaining(['kept-deck', 'all-kinds']));
    expect(ids).not.toContain('dropped-deck');
    const page = await fetch(`${server.url}/decks/kept-deck/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Lecture kept-deck');
  });
});

describe('one unreadable deck on disk', () => {
  it('is left out of GET /api/decks; the other decks and routes still answer', async () => {
    const data = await mkdtemp(join(tmpdir(), 'lectern-corrupt-'));
    const own = await startServer({
      store: createDeckStore(createFsObjectStore(data)),
      token: TOKEN,
      port: 0,
    });
    const at = (path: string, init?: RequestInit) =>
      fetch(`${own.url}${path}`, { redirect: 'manual', ...init });
    try {
      const published = await at('/api/decks', {
        method: 'POST',
        headers: YAML,
        body: lectureYaml('healthy'),
      });
      expect(published.status).toBe(201);
      await mkdir(join(data, 'decks', 'corrupt'), { recursive: true });
      await writeFile(join(data, 'decks', 'corrupt', 'pointer.json'), '{bad');

      const listed = await at('/api/decks', { headers: AUTH });
      expect(listed.status).toBe(200);
      expect((await listed.json()).decks.map((d: { id: string }) => d.id)).toEqual(['healthy']);

      // The broken deck itself is a storage problem, and only its own.
      const broken = await at('/api/decks/corrupt', { headers: AUTH });
      expect(broken.status).toBe(503);
      expect((await broken.json()).error.code).toBe('storage-failed');
      expect((await at('/api/decks/healthy', { headers: AUTH })).status).toBe(200);
      expect((await at('/decks/healthy/')).status).toBe(302);
      const another = await at('/api/decks', { method: 'POST', headers: YAML, body: lectureYaml('another') });
      expect(another.status).toBe(201);
      const again = await (await at('/api/decks', { headers: AUTH })).json();
      expect(again.decks.map((d: { id: string }) => d.id)).toEqual(['another', 'healthy']);
    } finally {
      await own.close();
      await rm(data, { recursive: true, force: true });
    }
  });
});

describe('npm start (lambdas/server/main.ts)', () => {
  let child: ChildProcess | undefined;

  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it('starts with the embedded store, prints its address and a generated token, and stops cleanly on SIGTERM', async () => {
    const data = join(dataDir, 'main');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: '0',
      LECTERN_DATA_DIR: data,
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    };
    delete env.LECTERN_TOKEN;
    delete env.S3_BUCKET;
    child = spawn(process.execPath, ['--import', 'tsx', 'lambdas/server/main.ts'], { env, stdio: 'pipe' });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    while (!/API token[^\n]*: (\S+)\n/.test(output)) {
      if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const url = /serving on (http:\/\/127\.0\.0\.1:\d+)\//.exec(output)?.[1];
    const token = /API token[^\n]*: (\S+)\n/.exec(output)?.[1];
    expect(url).toBeDefined();
    expect(token?.length).toBeGreaterThanOrEqual(32);
    expect(output).toContain(data);

    const published = await fetch(`${url}/api/decks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/yaml' },
      body: lectureYaml('from-main'),
    });
    expect(published.status).toBe(201);
    expect((await fetch(`${url}/api/decks`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(
      401,
    );

    const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
