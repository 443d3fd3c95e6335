import { spawn } from 'node:child_process';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PreviewRun, sleep, startPreviewOf, until } from '../browser/support/preview.js';

const ROOT = resolve(import.meta.dirname, '../..');
const SOURCE = join(ROOT, 'content/cold-war/01-giant-new-ally.yaml');
const ORIGINAL = readFileSync(SOURCE, 'utf8');

let run: PreviewRun;
beforeAll(async () => {
  // A quiet period longer than the default, so that a loaded machine stalling between two of the
  // test's writes (30 ms apart) never splits its burst in two; the debounce is the same code at any length.
  run = await startPreviewOf([SOURCE], 500);
});
afterAll(async () => {
  await run?.close();
});

const status = async (path: string) => (await fetch(`${run.preview.url}${path}`)).status;
const deckText = async () => (await fetch(`${run.preview.url}/giant-new-ally/`)).text();

describe('lectern preview, watching files', () => {
  it('a burst of 20 saves in a second renders once, with the last text', async () => {
    const before = run.preview.decks.renders;
    const file = join(run.dir, '01-giant-new-ally.yaml');
    for (let i = 1; i <= 20; i += 1) {
      writeFileSync(
        file,
        ORIGINAL.replace('title: "A Giant New Ally"', `title: "A Giant New Ally, save ${i}"`),
      );
      await sleep(30);
    }
    await until('the render', () => (run.preview.decks.renders > before ? true : undefined));
    await sleep(600); // long enough for any late second render to show
    expect(run.preview.decks.renders - before).toBe(1);
    expect(await deckText()).toContain('A Giant New Ally, save 20');
  });

  it('survives its file being deleted, renamed and re-created', async () => {
    const a = join(run.dir, '01-giant-new-ally.yaml');
    writeFileSync(a, ORIGINAL);
    await until('the deck', async () =>
      (await deckText()).includes('<h1>A Giant New Ally</h1>') ? true : undefined,
    );
    rmSync(a);
    await until('the deck to go', async () =>
      (await status('/giant-new-ally/')) === 404 ? true : undefined,
    );
    expect(await status('/')).toBe(200);
    writeFileSync(join(run.dir, 'renamed.yaml'), ORIGINAL);
    await until('the deck to return', async () =>
      (await status('/giant-new-ally/')) === 200 ? true : undefined,
    );
    renameSync(join(run.dir, 'renamed.yaml'), join(run.dir, 'moved-again.yaml'));
    await until('the rename', () =>
      run.preview.decks.entries().some((e) => e.file === 'moved-again.yaml' && e.manifest) ? true : undefined,
    );
    expect(run.preview.decks.entries().map((e) => e.file)).toEqual(['moved-again.yaml']);
    expect(await status('/giant-new-ally/')).toBe(200);
    rmSync(join(run.dir, 'moved-again.yaml'));
    writeFileSync(a, ORIGINAL.replace('title: "A Giant New Ally"', 'title: "A Giant New Ally, re-created"'));
    await until('the re-created file', async () =>
      (await deckText()).includes('A Giant New Ally, re-created') ? true : undefined,
    );
    expect(run.preview.decks.entries().map((e) => e.file)).toEqual(['01-giant-new-ally.yaml']);
  });

  it('never serves its script or page as part of the deck files, and keeps paths inside', async () => {
    const deck = run.preview.decks.byId('giant-new-ally');
    expect(deck?.files?.['index.html']).not.toContain('/_preview/');
    expect(await status('/assets/../../package.json')).toBe(404);
    expect(await status('/%E0%A4%A/')).toBe(400);
  });
});

const BIN = join(ROOT, 'bin', 'lectern.cjs');

/** `lectern preview` as a process: resolves with what it printed and how it ended. */
function startProcess(args: string[]) {
  const child = spawn(process.execPath, [BIN, 'preview', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  const ended = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { child, output: () => out, ended };
}

describe('the lectern preview process', () => {
  it('says so plainly when the port is busy, and exits 1', async () => {
    const busy = createServer();
    await new Promise<void>((done) => busy.listen(0, '127.0.0.1', done));
    const port = (busy.address() as { port: number }).port;
    const proc = startProcess([SOURCE, '--port', String(port)]);
    const code = await proc.ended;
    busy.close();
    expect(code).toBe(1);
    expect(proc.output()).toContain(`port ${port} on 127.0.0.1 is already in use`);
    expect(proc.output()).not.toMatch(/node:internal|at .*\.m?js:\d+|EADDRINUSE/);
  });

  it('stops at once on Ctrl-C', async () => {
    const proc = startProcess([SOURCE, '--port', '0']);
    await until('the start', () => (proc.output().includes('Preview on') ? true : undefined), 30_000);
    const asked = Date.now();
    proc.child.kill('SIGINT');
    expect(await proc.ended).toBe(0);
    expect(Date.now() - asked).toBeLessThan(2_000);
  });
});
