import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toApiGatewayEvent } from '../../lambdas/api/api-event.js';
import { createTokenAuthorizer, singleAdmin } from '../../lambdas/api/authorize.js';
import { createApi } from '../../lambdas/api/create-api.js';
import type { CliIo } from '../../lambdas/cli/io.js';
import { runCli } from '../../lambdas/cli/run.js';
import { loadTemplates } from '../../lambdas/node/templates-fs.js';
import { type RunningServer, startServer } from '../../lambdas/server/start-server.js';
import {
  DECK_FILES,
  DEFAULT_DECKS_PREFIX,
  PUBLICATION_TYPE,
  pptxUrl,
  versionKey,
} from '../../lambdas/site/layout.js';
import { createCourseStore } from '../../lambdas/store/course-store.js';
import { createDeckStore } from '../../lambdas/store/deck-store.js';
import { createFsObjectStore } from '../../lambdas/store/fs-object-store.js';
import { createMediaStore } from '../../lambdas/store/media-store.js';
import { createS3ObjectStore } from '../../lambdas/store/s3-object-store.js';
import { createS3UploadSigner } from '../../lambdas/store/s3-upload-signer.js';
import { startS3Server, type TestS3Server } from './support/s3-server.js';

const TOKEN = 'media-token-0123456789abcdef';
const LECTURE = resolve('test/fixtures/media/figures.yaml');
const FIGURES = resolve('test/fixtures/media/figures');
const HOSTILE_SVG = resolve('test/fixtures/svg/hostile/onload.svg');
const TYPES: Record<string, string> = {
  'dot.png': 'image/png',
  'block.jpg': 'image/jpeg',
  'dot.gif': 'image/gif',
  'chart.svg': 'image/svg+xml',
};

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const auth = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };

let server: RunningServer;
let dataDir: string;

async function lectern(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    interactive: false,
    cwd: process.cwd(),
    env: { LECTERN_TOKEN: TOKEN },
  };
  const code = await runCli(argv, io);
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** Ask for an upload of `bytes` announced as `claim`, PUT them where the site says; the PUT's answer. */
async function upload(bytes: Uint8Array<ArrayBuffer>, claim: { sha256: string; type: string; size: number }) {
  const asked = await fetch(`${server.url}/api/media`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify(claim),
  });
  expect(asked.status).toBe(200);
  const answer = (await asked.json()) as {
    stored: boolean;
    upload: { url: string; headers: Record<string, string> };
  };
  expect(answer.stored).toBe(false);
  return fetch(new URL(answer.upload.url, server.url), {
    method: 'PUT',
    headers: answer.upload.headers,
    body: bytes,
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'lectern-media-'));
  const objects = createFsObjectStore(dataDir);
  server = await startServer({
    store: createDeckStore(objects),
    courses: createCourseStore(objects),
    media: createMediaStore(objects),
    token: TOKEN,
    port: 0,
  });
});

afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a lecture with figures published by lectern publish', () => {
  it('uploads the four figures, publishes, and the site serves each byte for byte with its type', async () => {
    const run = await lectern(['publish', LECTURE, '--site', server.url, '--json']);
    expect(run.stderr).toContain('4 media files uploaded');
    expect(run.code).toBe(0);
    const [outcome] = JSON.parse(run.stdout) as { status: number; url: string }[];
    expect(outcome?.status).toBe(201);
    const deck = await (await fetch(outcome?.url ?? '')).text();
    for (const [file, type] of Object.entries(TYPES)) {
      const bytes = readFileSync(join(FIGURES, file));
      const name = `${sha256(bytes).slice(0, 16)}.${file.split('.').pop()}`;
      expect(deck).toContain(`src="../../../../media/${name}"`);
      const served = await fetch(`${server.url}/media/${name}`);
      expect(served.status).toBe(200);
      expect(served.headers.get('content-type')).toBe(type);
      expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true);
    }
  });

  it('writes the single-file page beside the deck, each figure inside it, downloaded under the deck id', async () => {
    const run = await lectern(['publish', LECTURE, '--site', server.url, '--json']);
    const [outcome] = JSON.parse(run.stdout) as { id: string; url: string }[];
    const answer = await fetch(new URL('deck.html', outcome?.url ?? ''));
    expect(answer.status).toBe(200);
    expect(answer.url).toMatch(/\/v\/[a-z0-9]+\/deck\.html$/);
    expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
    expect(answer.headers.get('content-disposition')).toBe(`attachment; filename="${outcome?.id}.html"`);
    const page = await answer.text();
    for (const [file, type] of Object.entries(TYPES)) {
      const bytes = readFileSync(join(FIGURES, file));
      expect(page).toContain(`src="data:${type};base64,${bytes.toString('base64')}"`);
    }
    // Nothing left that points back at the site: no shared assets, no media folder.
    expect(page).not.toMatch(/(src|href)="(\.\.\/)+(assets|media)\//);
    expect(page).toMatch(/<script>\n[^<]*Reveal/);
  });

  it('embeds the stored figures in the deck’s PowerPoint file, byte for byte', async () => {
    const answer = await fetch(`${server.url}${pptxUrl('figures-deck')}`);
    expect(answer.status).toBe(200);
    const media = await pptxMedia(new Uint8Array(await answer.arrayBuffer()));
    // PNG, JPEG and GIF as they are; the SVG as itself, with a PNG drawn from it beside it.
    for (const file of ['dot.png', 'block.jpg', 'dot.gif', 'chart.svg']) {
      const bytes = readFileSync(join(FIGURES, file));
      expect(
        media.some((m) => Buffer.from(m).equals(bytes)),
        `${file} in ppt/media/`,
      ).toBe(true);
    }
    expect(media).toHaveLength(5);
  });

  it('uploads nothing the second time, and the deck stands unchanged', async () => {
    const run = await lectern(['publish', LECTURE, '--site', server.url, '--json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('0 media files uploaded');
    expect((JSON.parse(run.stdout) as { status: number }[])[0]?.status).toBe(200);
  });

  it('answers many files in one request, in their order, and names the one malformed', async () => {
    const claims = Object.entries(TYPES).map(([file, type]) => {
      const bytes = readFileSync(join(FIGURES, file));
      return { sha256: sha256(bytes), type, size: bytes.byteLength };
    });
    const fresh = Buffer.from('GIF89a never uploaded');
    const unknown = { sha256: sha256(fresh), type: 'image/gif', size: fresh.byteLength };
    const asked = await fetch(`${server.url}/api/media`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ files: [...claims, unknown] }),
    });
    expect(asked.status).toBe(200);
    const { files } = (await asked.json()) as {
      files: { stored: boolean; sha256: string; upload?: { url: string } }[];
    };
    expect(files.map((f) => [f.sha256, f.stored])).toEqual([
      ...claims.map((c) => [c.sha256, true]),
      [unknown.sha256, false],
    ]);
    expect(files[4]?.upload?.url).toContain(`/api/media/uploads/${unknown.sha256}`);

    const bad = await fetch(`${server.url}/api/media`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ files: [claims[0], { ...unknown, type: 'text/html' }] }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain('files[1]');
  });

  it('keeps the media when the deck is deleted', async () => {
    const png = readFileSync(join(FIGURES, 'dot.png'));
    const deleted = await fetch(`${server.url}/api/decks/figures-deck`, { method: 'DELETE', headers: auth });
    expect(deleted.status).toBe(204);
    expect((await fetch(`${server.url}/media/${sha256(png).slice(0, 16)}.png`)).status).toBe(200);
  });
});

describe('uploads the site refuses', () => {
  it('bytes that do not hash to the name announced', async () => {
    const png = readFileSync(join(FIGURES, 'dot.png'));
    const other = Buffer.from('bytes never uploaded');
    const put = await upload(png, { sha256: sha256(other), type: 'image/png', size: png.byteLength });
    expect(put.status).toBe(422);
    const body = (await put.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('media-rejected');
    expect(body.error.message).toContain('hash');
  });

  it('bytes that are not an image', async () => {
    const text = Buffer.from('just some text, not a picture\n');
    const put = await upload(text, { sha256: sha256(text), type: 'image/png', size: text.byteLength });
    expect(put.status).toBe(422);
    expect(((await put.json()) as { error: { message: string } }).error.message).toMatch(/not a PNG/);
  });

  it('a hostile SVG', async () => {
    const svg = readFileSync(HOSTILE_SVG);
    const put = await upload(svg, { sha256: sha256(svg), type: 'image/svg+xml', size: svg.byteLength });
    expect(put.status).toBe(422);
    expect(((await put.json()) as { error: { message: string } }).error.message).toMatch(/event-handler/);
    const check = await fetch(`${server.url}/api/media/check`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ sha256: sha256(svg), type: 'image/svg+xml', size: svg.byteLength }),
    });
    expect(check.status).toBe(404);
  });

  it('a file over 20 MiB, asked for and sent', async () => {
    const big = 20 * 1024 * 1024 + 1;
    const asked = await fetch(`${server.url}/api/media`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ sha256: 'a'.repeat(64), type: 'image/png', size: big }),
    });
    expect(asked.status).toBe(400);
    expect(await asked.text()).toContain('20 MiB');
    const bytes = new Uint8Array(big);
    const put = await upload(bytes, { sha256: sha256(bytes.subarray(0, 100)), type: 'image/png', size: 100 });
    expect(put.status).toBe(413);
  });

  it('an upload URL not signed by the site', async () => {
    const png = readFileSync(join(FIGURES, 'dot.png'));
    const forged = `${server.url}/api/media/uploads/${sha256(png)}?type=png&size=${png.byteLength}&expires=${Date.now() + 60_000}&signature=${'0'.repeat(64)}`;
    const put = await fetch(forged, { method: 'PUT', headers: { 'content-type': 'image/png' }, body: png });
    expect(put.status).toBe(403);
  });
});

describe('a publication naming media the site does not hold', () => {
  it('is a 422 whose details name each src', async () => {
    const text = readFileSync(LECTURE, 'utf8').replace('figures-deck', 'unstored-figures');
    const media = { 'figures/dot.png': 'b'.repeat(64) };
    const answer = await fetch(`${server.url}/api/decks`, {
      method: 'POST',
      headers: { ...auth, 'content-type': PUBLICATION_TYPE },
      body: JSON.stringify({ lecture: text, format: 'yaml', media }),
    });
    expect(answer.status).toBe(422);
    const { error } = (await answer.json()) as {
      error: { details: { code: string; path: string; message: string }[] };
    };
    const missing = error.details.filter((d) => d.code === 'media-not-stored');
    expect(missing.map((d) => d.message.match(/"([^"]+)"/)?.[1])).toEqual([
      'figures/dot.png',
      'figures/block.jpg',
      'figures/dot.gif',
      'figures/chart.svg',
    ]);
    expect(missing[0]?.path).toBe('sections[0].slides[0].src');
  });
});

describe('deployed: a pre-signed PUT straight to the S3-protocol server', () => {
  let s3: TestS3Server;
  beforeAll(async () => {
    s3 = await startS3Server();
  });
  afterAll(async () => {
    await s3?.dispose();
  });

  it('takes the bytes, the check stores them under media/, and a deck may then use them', async () => {
    const objects = createS3ObjectStore(s3.client, s3.bucket);
    const api = createApi({
      store: createDeckStore(objects),
      media: { store: createMediaStore(objects), signUpload: createS3UploadSigner(s3.client, s3.bucket) },
      templates: loadTemplates(),
      authorize: createTokenAuthorizer(singleAdmin(TOKEN)),
    });
    const call = async (method: string, path: string, body: string, type = 'application/json') => {
      const result = await api(
        toApiGatewayEvent({
          method,
          path,
          headers: { ...auth, 'content-type': type },
          body: Buffer.from(body),
        }),
      );
      return { status: result.statusCode, body: JSON.parse(result.body ?? '{}') };
    };
    const svg = readFileSync(join(FIGURES, 'chart.svg'));
    const claim = JSON.stringify({ sha256: sha256(svg), type: 'image/svg+xml', size: svg.byteLength });
    const asked = await call('POST', '/api/media', claim);
    expect(asked.body.stored).toBe(false);
    const { url, headers } = asked.body.upload as { url: string; headers: Record<string, string> };
    expect(url.startsWith(`${s3.endpoint}/${s3.bucket}/media-uploads/`)).toBe(true);
    expect(new URL(url).searchParams.get('X-Amz-SignedHeaders')).toBe(
      'content-length;content-type;host;x-amz-checksum-sha256',
    );
    const put = await fetch(url, { method: 'PUT', headers, body: svg });
    expect(put.status).toBe(200);
    const staged = await fetch(url.replace(/\?.*$/, ''));
    expect(Buffer.from(await staged.arrayBuffer()).equals(svg)).toBe(true);

    const checked = await call('POST', '/api/media/check', claim);
    expect(checked.status).toBe(201);
    const name = checked.body.name as string;
    const stored = await objects.get(`media/${name}`);
    expect(Buffer.from(stored?.body ?? []).equals(svg)).toBe(true);
    expect(stored?.contentType).toBe('image/svg+xml');
    expect(await objects.get(`media-uploads/${sha256(svg)}`)).toBeUndefined();
    expect((await call('POST', '/api/media', claim)).body.stored).toBe(true);

    const lecture =
      'id: s3-figure\ntitle: One figure\nsections:\n  - title: One\n    slides:\n      - kind: image\n        src: chart.svg\n        alt: A chart\n        notes: N.\n';
    const published = await call(
      'POST',
      '/api/decks',
      JSON.stringify({ lecture, media: { 'chart.svg': sha256(svg) } }),
      PUBLICATION_TYPE,
    );
    expect(published.status).toBe(201);
    const pptx = await objects.get(
      versionKey(DEFAULT_DECKS_PREFIX, 's3-figure', published.body.version, DECK_FILES.pptx),
    );
    const media = await pptxMedia(pptx?.body ?? new Uint8Array());
    expect(media.some((m) => Buffer.from(m).equals(svg))).toBe(true);
  });
});

/** The files under ppt/media/ of a PowerPoint file. */
async function pptxMedia(file: Uint8Array): Promise<Uint8Array[]> {
  const zip = await JSZip.loadAsync(file);
  const paths = Object.keys(zip.files).filter((p) => /^ppt\/media\/[^/]+$/.test(p));
  return Promise.all(paths.map(async (p) => (await zip.file(p)?.async('uint8array')) ?? new Uint8Array()));
}
