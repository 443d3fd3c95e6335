import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PreconditionFailedError } from '../../lambdas/store/errors.js';
import { createFsObjectStore } from '../../lambdas/store/fs-object-store.js';
import type { ObjectStore } from '../../lambdas/store/object-store.js';
import { createS3ObjectStore } from '../../lambdas/store/s3-object-store.js';
import { createMemoryObjectStore } from './support/memory-object-store.js';
import { startS3Server, type TestS3Server } from './support/s3-server.js';
import { describeDeckStoreContract, type ObjectStoreFactory } from './support/store-contract.js';
import { describeStoreFaults } from './support/store-faults-contract.js';

let root: string;
let s3: TestS3Server;
let counter = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'lectern-store-'));
  s3 = await startS3Server();
});

afterAll(async () => {
  await s3?.dispose();
  await rm(root, { recursive: true, force: true });
});

/** Each test gets its own folder (disk), bucket prefix (S3) or map (memory), so tests cannot see each other. */
const disk: ObjectStoreFactory = async () => {
  counter += 1;
  return createFsObjectStore(join(root, `store-${counter}`));
};

const s3rver: ObjectStoreFactory = async () => {
  counter += 1;
  return scoped(createS3ObjectStore(s3.client, s3.bucket), `run-${counter}/`);
};

const memory: ObjectStoreFactory = async () => createMemoryObjectStore();

describeDeckStoreContract('embedded (disk)', disk, { enforcesPreconditions: true });
describeDeckStoreContract('S3 (s3rver)', s3rver, { enforcesPreconditions: false });
describeDeckStoreContract('memory (enforces S3 preconditions)', memory, { enforcesPreconditions: true });

describeStoreFaults('embedded (disk)', disk);
describeStoreFaults('S3 (s3rver)', s3rver);
describeStoreFaults('memory (enforces S3 preconditions)', memory);

function scoped(objects: ObjectStore, scope: string): ObjectStore {
  return {
    get: (key) => objects.get(scope + key),
    put: (key, body, options) => objects.put(scope + key, body, options),
    delete: (key) => objects.delete(scope + key),
    listChildren: (prefix) => objects.listChildren(scope + prefix),
    listKeys: async (prefix) =>
      (await objects.listKeys(scope + prefix)).map((key) => key.slice(scope.length)),
  };
}

describe('the embedded store on disk', () => {
  const TEXT = { contentType: 'text/plain' };
  const text = async (store: ObjectStore, key: string) =>
    Buffer.from((await store.get(key))?.body ?? []).toString('utf8');

  it('writes into a folder removed since its last write there', async () => {
    const folder = join(root, `store-removed-${++counter}`);
    const store = createFsObjectStore(folder);
    await store.put('decks/a/v/1/index.html', 'one', TEXT);
    await rm(join(folder, 'decks', 'a'), { recursive: true });
    await store.put('decks/a/v/1/index.html', 'again', { ...TEXT, ifNoneMatch: '*' });
    await store.put('decks/a/v/1/deck.json', '{}', TEXT);
    expect(await text(store, 'decks/a/v/1/index.html')).toBe('again');
    expect(await text(store, 'decks/a/v/1/deck.json')).toBe('{}');
  });

  it('leaves no temporary file behind, whichever way a write ends', async () => {
    const folder = join(root, `store-clean-${++counter}`);
    const store = createFsObjectStore(folder);
    await store.put('d/plain.txt', 'plain', TEXT);
    await store.put('d/created.txt', 'created', { ...TEXT, ifNoneMatch: '*' });
    await expect(store.put('d/created.txt', 'twice', { ...TEXT, ifNoneMatch: '*' })).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
    const etag = (await store.get('d/plain.txt'))?.etag;
    await store.put('d/plain.txt', 'swapped', etag ? { ...TEXT, ifMatch: etag } : TEXT);
    await expect(store.put('d/plain.txt', 'stale', { ...TEXT, ifMatch: '"stale"' })).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
    expect((await readdir(join(folder, 'd'))).sort()).toEqual(['created.txt', 'plain.txt']);
    expect(await text(store, 'd/plain.txt')).toBe('swapped');
    expect(await text(store, 'd/created.txt')).toBe('created');
  });

  it('keeps a folder only while it holds an object, as a bucket lists prefixes', async () => {
    const folder = join(root, `store-folders-${++counter}`);
    const store = createFsObjectStore(folder);
    await store.put('export-jobs/a/1.json', '{}', TEXT);
    await store.put('export-jobs/a/2.json', '{}', TEXT);
    await store.put('export-jobs/b/deep/3.json', '{}', TEXT);
    expect(await store.listChildren('export-jobs/')).toEqual(['a', 'b']);
    await store.delete('export-jobs/a/1.json');
    expect(await store.listChildren('export-jobs/')).toEqual(['a', 'b']);
    await store.delete('export-jobs/a/2.json');
    await store.delete('export-jobs/b/deep/3.json');
    expect(await store.listChildren('export-jobs/')).toEqual([]);
    expect(await store.listChildren('')).toEqual([]);
    // The data folder itself stays; a write after the removal makes its folders again.
    expect(await readdir(folder)).toEqual([]);
    await store.put('export-jobs/a/4.json', '{"again":true}', { ...TEXT, ifNoneMatch: '*' });
    expect(await text(store, 'export-jobs/a/4.json')).toBe('{"again":true}');
    expect(await store.listChildren('export-jobs/')).toEqual(['a']);
  });

  it('leaves a folder holding anything else than the deleted object, and a delete of a missing key changes nothing', async () => {
    const folder = join(root, `store-kept-${++counter}`);
    const store = createFsObjectStore(folder);
    await store.put('d/x/one.txt', 'one', TEXT);
    // What a write in progress or a lock looks like on disk: not an object, but not to be removed.
    await writeFile(join(folder, 'd', 'x', 'two.txt.tmp-1-abc'), 'half');
    await store.delete('d/x/one.txt');
    expect(await readdir(join(folder, 'd', 'x'))).toEqual(['two.txt.tmp-1-abc']);
    await store.delete('d/y/missing.txt');
    expect(await readdir(join(folder, 'd'))).toEqual(['x']);
  });
});
