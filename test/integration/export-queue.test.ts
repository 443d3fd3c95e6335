import { describe, expect, it } from 'vitest';
import type { ExportFiles, ExportJob, ExportSource } from '../../lambdas/api/deck-exports.js';
import { createExportQueue } from '../../lambdas/server/export-queue.js';
import { createSiteReader } from '../../lambdas/server/site-files.js';
import { createDeckStore } from '../../lambdas/store/deck-store.js';
import { createFsObjectStore } from '../../lambdas/store/fs-object-store.js';
import { tempDir } from '../support/temp-dir.js';
import { ADA, makePublication } from './support/deck-fixture.js';

// The local server's export queue, making exports in this thread (the built server uses a worker):
// when a publish may answer, when a download may be read, and what a failure leaves.

function jobFor(id: string, version: string): ExportSource {
  return { id, version, lecture: {} as ExportSource['lecture'], deck: { files: {}, media: [] }, media: [] };
}

/** A maker whose every call waits until the test lets it finish (or fail). */
function heldMaker() {
  const calls: { job: ExportJob; finish: (files: ExportFiles) => void; fail: (error: Error) => void }[] = [];
  const make = (job: ExportJob) =>
    new Promise<ExportFiles>((finish, fail) => {
      calls.push({ job, finish, fail });
    });
  return { calls, make };
}

const until = async (check: () => boolean) => {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 5));
};

async function setUp(maxWaiting = 8) {
  const store = createDeckStore(createFsObjectStore(tempDir('export-queue')));
  const held = heldMaker();
  const errors: unknown[] = [];
  const queue = createExportQueue({
    store,
    files: ['deck.pptx'],
    makeHere: held.make,
    readImages: async () => new Map(),
    logger: { info: () => {}, warn: () => {}, error: (...args: unknown[]) => errors.push(args) },
    memoryMb: 64,
    timeoutMs: 60_000,
    maxWaiting,
  });
  const stored = async (id: string) => {
    const publication = makePublication(id, 'one');
    await store.publishDeck(publication, ADA);
    return publication.manifest.version;
  };
  return { store, held, errors, queue, stored };
}

describe('the export queue', () => {
  it('lets the publish answer before the exports are made, and a download wait until they are stored', async () => {
    const { store, held, queue, stored } = await setUp();
    const version = await stored('queued');
    await queue.export(jobFor('queued', version));
    await until(() => held.calls.length === 1);
    let settled = false;
    const waiting = queue.settled('queued', version).then(() => {
      settled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    held.calls[0]?.finish({ 'deck.pptx': new Uint8Array([80, 75]) });
    await waiting;
    expect([...((await store.readVersionFile('queued', version, 'deck.pptx'))?.body ?? [])]).toEqual([
      80, 75,
    ]);
    // Nothing being made: a download reads at once.
    await queue.settled('queued', version);
  });

  it('makes one version at a time, once however often it is asked for', async () => {
    const { held, queue, stored } = await setUp();
    const one = await stored('one');
    const two = await stored('two');
    await queue.export(jobFor('one', one));
    await queue.export(jobFor('one', one));
    await queue.export(jobFor('two', two));
    await until(() => held.calls.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(held.calls.map((call) => call.job.id)).toEqual(['one']);
    held.calls[0]?.finish({ 'deck.pptx': 'x' });
    await until(() => held.calls.length === 2);
    expect(held.calls.map((call) => call.job.id)).toEqual(['one', 'two']);
    held.calls[1]?.finish({ 'deck.pptx': 'y' });
    await queue.settled('two', two);
  });

  it('logs a failure, stores nothing, and goes on with the next version', async () => {
    const { store, held, errors, queue, stored } = await setUp();
    const bad = await stored('bad');
    const good = await stored('good');
    await queue.export(jobFor('bad', bad));
    await queue.export(jobFor('good', good));
    await until(() => held.calls.length === 1);
    held.calls[0]?.fail(new Error('out of memory'));
    await queue.settled('bad', bad);
    expect(JSON.stringify(errors)).toContain('out of memory');
    expect(await store.listVersionFiles('bad', bad)).not.toContain('deck.pptx');
    await until(() => held.calls.length === 2);
    held.calls[1]?.finish({ 'deck.pptx': 'z' });
    await queue.settled('good', good);
    expect(await store.listVersionFiles('good', good)).toContain('deck.pptx');
  });

  it('passes over a version still waiting when a newer one of the same deck comes', async () => {
    const { store, held, queue, stored } = await setUp();
    const busy = await stored('busy');
    await queue.export(jobFor('busy', busy));
    await until(() => held.calls.length === 1);
    const old = await stored('often');
    const publication = makePublication('often', 'two');
    await store.publishDeck(publication, ADA);
    const newer = publication.manifest.version;
    await queue.export(jobFor('often', old));
    await queue.export(jobFor('often', newer));
    // The replaced version's download reads at once (and finds nothing).
    await queue.settled('often', old);
    held.calls[0]?.finish({ 'deck.pptx': 'b' });
    await until(() => held.calls.length === 2);
    expect(held.calls.map((call) => `${call.job.id} ${call.job.version}`)).toEqual([
      `busy ${busy}`,
      `often ${newer}`,
    ]);
    held.calls[1]?.finish({ 'deck.pptx': 'n' });
    await queue.settled('often', newer);
    expect(await store.listVersionFiles('often', old)).not.toContain('deck.pptx');
    expect(await store.listVersionFiles('often', newer)).toContain('deck.pptx');
  });

  it('holds a publish back when too many versions wait', async () => {
    const { held, queue, stored } = await setUp(1);
    const versions = await Promise.all(['a', 'b', 'c'].map(stored));
    await queue.export(jobFor('a', versions[0] ?? ''));
    await until(() => held.calls.length === 1);
    await queue.export(jobFor('b', versions[1] ?? ''));
    let third = false;
    const answered = queue.export(jobFor('c', versions[2] ?? '')).then(() => {
      third = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(third).toBe(false);
    held.calls[0]?.finish({ 'deck.pptx': '1' });
    await answered;
    expect(third).toBe(true);
  });
});

describe('a download while its exports are being made', () => {
  it('waits for them, and past its wait is told to come back with a 503', async () => {
    const { store, held, queue, stored } = await setUp();
    const version = await stored('slow');
    await queue.export(jobFor('slow', version));
    await until(() => held.calls.length === 1);
    const read = createSiteReader({
      store,
      assets: new Map(),
      siteDir: tempDir('site'),
      exportsSettled: queue.settled,
      exportWaitMs: 50,
    });
    const target = { kind: 'deck', id: 'slow', version, name: 'deck.pptx' } as const;
    await expect(read(target)).rejects.toMatchObject({ status: 503, code: 'export-pending' });
    const waiting = read(target);
    held.calls[0]?.finish({ 'deck.pptx': new Uint8Array([80, 75]) });
    expect([...((await waiting)?.body ?? [])]).toEqual([80, 75]);
  });
});
