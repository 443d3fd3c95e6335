import { describe, expect, it } from 'vitest';
import type { ExportFiles, ExportJob, ExportSource } from '../../lambdas/api/deck-exports.js';
import { createExportQueue } from '../../lambdas/server/export-queue.js';
import { createSiteReader } from '../../lambdas/server/site-files.js';
import { createDeckStore } from '../../lambdas/store/deck-store.js';
import { createFsObjectStore } from '../../lambdas/store/fs-object-store.js';
import type { ObjectStore } from '../../lambdas/store/object-store.js';
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

async function setUp(
  maxWaiting = 8,
  options: { jobs?: boolean; objects?: ObjectStore; quietMs?: number } = {},
) {
  const objects = options.objects ?? createFsObjectStore(tempDir('export-queue'));
  const store = createDeckStore(objects);
  const held = heldMaker();
  const errors: unknown[] = [];
  const warnings: unknown[] = [];
  const open = () =>
    createExportQueue({
      store,
      files: ['deck.pptx'],
      makeHere: held.make,
      readImages: async () => new Map(),
      logger: {
        info: () => {},
        warn: (...args: unknown[]) => warnings.push(args),
        error: (...args: unknown[]) => errors.push(args),
      },
      memoryMb: 64,
      timeoutMs: 60_000,
      maxWaiting,
      quietMs: options.quietMs ?? 0,
      ...(options.jobs && { jobs: objects }),
    });
  const queue = open();
  const stored = async (id: string) => {
    const publication = makePublication(id, 'one');
    await store.publishDeck(publication, ADA);
    return publication.manifest.version;
  };
  return { objects, store, held, errors, warnings, queue, open, stored };
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

  it('starts a version’s exports once no version has been queued for a while, or at once for a download', async () => {
    const quietMs = 600;
    const { held, queue, stored } = await setUp(8, { quietMs });
    const first = await stored('first');
    const second = await stored('second');
    const third = await stored('third');
    await queue.export(jobFor('first', first));
    await queue.export(jobFor('second', second));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(held.calls).toHaveLength(0);
    // A download of the second: it goes first, without waiting.
    const downloaded = queue.settled('second', second);
    await until(() => held.calls.length === 1);
    expect(held.calls[0]?.job.id).toBe('second');
    // Queued while the second is being made: the quiet moment starts again from here.
    await queue.export(jobFor('third', third));
    const lastQueued = performance.now();
    held.calls[0]?.finish({ 'deck.pptx': 'b' });
    await downloaded;
    await until(() => held.calls.length === 2);
    // Timers may fire up to a millisecond early.
    expect(performance.now() - lastQueued).toBeGreaterThanOrEqual(quietMs - 2);
    expect(held.calls.map((call) => call.job.id)).toEqual(['second', 'first']);
    held.calls[1]?.finish({ 'deck.pptx': 'a' });
    await until(() => held.calls.length === 3);
    expect(held.calls[2]?.job.id).toBe('third');
    held.calls[2]?.finish({ 'deck.pptx': 'c' });
    await queue.settled('third', third);
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

describe('versions past the in-memory bound, as job files', () => {
  const jobFile = (id: string, version: string) => `export-jobs/${id}/${version}.json`;

  it('answers at once, keeps the version as a job file, and makes it in turn', async () => {
    const { objects, store, held, queue, stored } = await setUp(1, { jobs: true });
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map(stored));
    await queue.export(jobFor('a', a ?? ''));
    await until(() => held.calls.length === 1);
    await queue.export(jobFor('b', b ?? ''));
    // Past the bound: written out, and the publish answers without waiting for room.
    await queue.export(jobFor('c', c ?? ''));
    expect(await objects.listKeys('export-jobs/c/')).toEqual([jobFile('c', c ?? '')]);
    expect(await objects.listChildren('export-jobs/')).toEqual(['c']);
    held.calls[0]?.finish({ 'deck.pptx': '1' });
    await until(() => held.calls.length === 2);
    held.calls[1]?.finish({ 'deck.pptx': '2' });
    await until(() => held.calls.length === 3);
    // Read back from its file: the same job.
    expect(held.calls[2]?.job).toMatchObject(jobFor('c', c ?? ''));
    let settled = false;
    const download = queue.settled('c', c ?? '').then(() => {
      settled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    held.calls[2]?.finish({ 'deck.pptx': '3' });
    await download;
    expect(await store.listVersionFiles('c', c ?? '')).toContain('deck.pptx');
    expect(await objects.listKeys('export-jobs/c/')).toEqual([]);
  });

  it('removes the job file of a version passed over for a newer one of its deck', async () => {
    const { objects, store, held, queue, stored } = await setUp(1, { jobs: true });
    const [busy, memory] = await Promise.all(['busy', 'memory'].map(stored));
    const old = await stored('often');
    const publication = makePublication('often', 'two');
    await store.publishDeck(publication, ADA);
    const newer = publication.manifest.version;
    await queue.export(jobFor('busy', busy ?? ''));
    await until(() => held.calls.length === 1);
    await queue.export(jobFor('memory', memory ?? ''));
    await queue.export(jobFor('often', old));
    expect(await objects.listKeys('export-jobs/often/')).toEqual([jobFile('often', old)]);
    await queue.export(jobFor('often', newer));
    expect(await objects.listKeys('export-jobs/often/')).toEqual([jobFile('often', newer)]);
    await queue.settled('often', old);
    for (const n of [0, 1]) {
      await until(() => held.calls.length === n + 1);
      held.calls[n]?.finish({ 'deck.pptx': String(n) });
    }
    await until(() => held.calls.length === 3);
    expect(held.calls.map((call) => `${call.job.id} ${call.job.version}`)).toEqual([
      `busy ${busy}`,
      `memory ${memory}`,
      `often ${newer}`,
    ]);
  });

  it('keeps what waits when it closes, and makes it after the next start', async () => {
    const { objects, held, queue, open, stored } = await setUp(1, { jobs: true });
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map(stored));
    await queue.export(jobFor('a', a ?? ''));
    await until(() => held.calls.length === 1);
    await queue.export(jobFor('b', b ?? ''));
    await queue.export(jobFor('c', c ?? ''));
    // Stopped while a is being made: a and b (in memory) are written out too.
    await queue.close(0);
    expect((await objects.listChildren('export-jobs/')).sort()).toEqual(['a', 'b', 'c']);
    const next = open();
    expect(await next.resume()).toBe(3);
    for (const n of [1, 2, 3]) {
      await until(() => held.calls.length === n + 1);
      held.calls[n]?.finish({ 'deck.pptx': String(n) });
    }
    expect(held.calls.map((call) => call.job.id).sort()).toEqual(['a', 'a', 'b', 'c']);
    await next.settled('c', c ?? '');
    for (const id of ['a', 'b', 'c']) expect(await objects.listKeys(`export-jobs/${id}/`)).toEqual([]);
  });

  it('keeps the version it was making when it closes, unless it was made', async () => {
    const { objects, held, queue, open, stored } = await setUp(1, { jobs: true });
    const [a, b] = await Promise.all(['a', 'b'].map(stored));
    await queue.export(jobFor('a', a ?? ''));
    await until(() => held.calls.length === 1);
    await queue.close(0);
    // Stopped by the close (the worker ends with it): its job file stays for the next start.
    held.calls[0]?.fail(new Error('the export worker stopped'));
    await queue.settled('a', a ?? '');
    expect(await objects.listKeys('export-jobs/a/')).toEqual([jobFile('a', a ?? '')]);
    const next = open();
    expect(await next.resume()).toBe(1);
    await until(() => held.calls.length === 2);
    expect(held.calls[1]?.job.id).toBe('a');
    // Made after a close began: nothing is left to make again.
    await next.export(jobFor('b', b ?? ''));
    const closing = next.close(0);
    held.calls[1]?.finish({ 'deck.pptx': 'a' });
    await closing;
    await next.settled('a', a ?? '');
    expect(await objects.listKeys('export-jobs/a/')).toEqual([]);
    expect(await objects.listKeys('export-jobs/b/')).toEqual([jobFile('b', b ?? '')]);
  });

  it('holds the publish back for room when a job file cannot be written, and says why', async () => {
    const disk = createFsObjectStore(tempDir('export-queue'));
    // A disk that is full for job files.
    const full: ObjectStore = {
      ...disk,
      put: (key, body, options) =>
        key.startsWith('export-jobs/')
          ? Promise.reject(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }))
          : disk.put(key, body, options),
    };
    const { held, warnings, queue, stored } = await setUp(1, { jobs: true, objects: full });
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map(stored));
    await queue.export(jobFor('a', a ?? ''));
    await until(() => held.calls.length === 1);
    await queue.export(jobFor('b', b ?? ''));
    let third = false;
    const answered = queue.export(jobFor('c', c ?? '')).then(() => {
      third = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(third).toBe(false);
    expect(JSON.stringify(warnings)).toContain('no space left on device');
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
