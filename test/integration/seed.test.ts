import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seedDecks } from '../../lambdas/server/seed-decks.js';
import { startServer } from '../../lambdas/server/start-server.js';
import { openDeckStore } from '../../lambdas/store/open-deck-store.js';

// A first `npm start` opens on the course that ships in content/; a store with decks is left alone.

const root = resolve(import.meta.dirname, '../..');
const content = join(root, 'content');
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function site() {
  const dataDir = await mkdtemp(join(tmpdir(), 'lectern-seed-'));
  const store = await openDeckStore({ dataDir });
  const server = await startServer({ store, media: store.media, token: 'seed-token', port: 0 });
  cleanups.push(async () => {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  return { store, server, dataDir };
}

describe('seeding the embedded store', () => {
  it('publishes the course lectures, in course order, into an empty store, and only then', async () => {
    const { store, server } = await site();
    const first = await seedDecks({
      store,
      api: server.api,
      token: 'seed-token',
      folder: content,
      media: store.media,
    });
    expect(first.failed).toEqual([]);
    expect(first.published).toEqual(['giant-new-ally', 'uncertain-partners', 'friendship-to-rivalry']);
    expect((await store.listDecks()).map((d) => d.id).sort()).toEqual([...first.published].sort());
    const again = await seedDecks({ store, api: server.api, token: 'seed-token', folder: content });
    expect(again).toEqual({ published: [], failed: [] });
  });

  it("stores a lecture's own images, checked, before publishing it; the deck uses them", async () => {
    const { store, server } = await site();
    const folder = await mkdtemp(join(tmpdir(), 'lectern-seed-figure-'));
    cleanups.push(() => rm(folder, { recursive: true, force: true }));
    const { cpSync, writeFileSync } = await import('node:fs');
    cpSync(join(root, 'test/fixtures/media'), folder, { recursive: true });
    const svg = readFileSync(join(folder, 'figures/chart.svg'), 'utf8');
    writeFileSync(
      join(folder, 'figures/evil.svg'),
      readFileSync(join(root, 'test/fixtures/svg/hostile/onload.svg')),
    );
    writeFileSync(
      join(folder, 'evil.yaml'),
      'id: evil\ntitle: Evil\nsections:\n  - title: S\n    slides:\n      - kind: image\n        src: figures/evil.svg\n        alt: A\n        notes: N.\n',
    );
    const result = await seedDecks({
      store,
      api: server.api,
      token: 'seed-token',
      folder,
      media: store.media,
    });
    expect(result.published).toEqual(['figures-deck']);
    // The hostile SVG was refused on its way in, so its lecture is a 422 naming the image.
    expect(result.failed).toMatchObject([{ file: 'evil.yaml', status: 422 }]);
    expect(result.failed[0]?.message).toContain('figures/evil.svg');
    const deck = await (await fetch(`${server.url}/decks/figures-deck/`)).text();
    const figure = /src="\.\.\/\.\.\/\.\.\/\.\.\/media\/([0-9a-f]{16}\.svg)"/.exec(deck)?.[1];
    const served = await fetch(`${server.url}/media/${figure}`);
    expect(served.headers.get('content-type')).toBe('image/svg+xml');
    expect(await served.text()).toBe(svg);
  });

  it('reports a lecture the API refuses, and publishes the rest', async () => {
    const { store, server } = await site();
    const folder = await mkdtemp(join(tmpdir(), 'lectern-seed-src-'));
    cleanups.push(() => rm(folder, { recursive: true, force: true }));
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      join(folder, 'good.yaml'),
      'id: good\ntitle: Good\nsections:\n  - title: S\n    slides:\n      - points: [a]\n',
    );
    writeFileSync(join(folder, 'bad.yaml'), 'id: Bad Id\ntitle: Bad\nsections: []\n');
    const result = await seedDecks({ store, api: server.api, token: 'seed-token', folder });
    expect(result.published).toEqual(['good']);
    expect(result.failed).toMatchObject([{ file: 'bad.yaml', status: 422 }]);
  });

  it('`npm start` (dist/server.mjs) on a fresh data folder says it published the course', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'lectern-seed-start-'));
    const child = spawn(process.execPath, [join(root, 'dist', 'server.mjs')], {
      cwd: root,
      env: {
        ...process.env,
        PORT: '0',
        LECTERN_DATA_DIR: dataDir,
        LECTERN_TOKEN: 'seed-test-token-0123456789',
        POWERTOOLS_LOG_LEVEL: 'ERROR',
      },
    });
    cleanups.push(async () => {
      child.kill('SIGTERM');
      await rm(dataDir, { recursive: true, force: true });
    });
    const output = await new Promise<string>((done, fail) => {
      let seen = '';
      const timer = setTimeout(() => fail(new Error(`no seeding line within 20 s:\n${seen}`)), 20_000);
      child.stdout.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (/Published \d+ lectures/.test(seen)) {
          clearTimeout(timer);
          done(seen);
        }
      });
      child.once('exit', (code) => fail(new Error(`server exited (${code}):\n${seen}`)));
    });
    expect(output).toMatch(
      /Published 3 lectures from .*content into the empty store: giant-new-ally, uncertain-partners, friendship-to-rivalry/,
    );
  });
});
