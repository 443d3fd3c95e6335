import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, open, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../lambdas/api/create-api.js';
import { loadTemplates } from '../../lambdas/node/templates-fs.js';
import { withDeadlines } from '../../lambdas/store/deadline.js';
import { createDeckStore } from '../../lambdas/store/deck-store.js';
import { StorageError } from '../../lambdas/store/errors.js';
import { createFsObjectStore } from '../../lambdas/store/fs-object-store.js';
import { createS3Client, createS3ObjectStore } from '../../lambdas/store/s3-object-store.js';
import { STORAGE_CALL_LIMIT_MS, STORAGE_TIMEOUTS } from '../../lambdas/store/storage-timeouts.js';
import { apiEvent } from './support/api-event.js';
import { lectureYaml } from './support/lectures.js';

// A storage endpoint that accepts every connection and never says a word: the worst kind of outage.
let silent: Server;
let endpoint: string;
const sockets = new Set<Socket>();

beforeAll(async () => {
  silent = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const address = silent.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  endpoint = `http://127.0.0.1:${address.port}`;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => silent.close(() => resolve()));
});

function silentS3() {
  const client = createS3Client({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  return createS3ObjectStore(client, 'lectern-test');
}

// The bound the README states; the slack is for a loaded test machine, never tighter than the bound.
const BOUND_MS = STORAGE_CALL_LIMIT_MS + 3_000;

describe('a storage endpoint that never answers', () => {
  it('fails a read with a StorageError, after the request timeout and within the stated bound', async () => {
    const started = performance.now();
    const failure = await silentS3()
      .get('decks/a/deck.json')
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    const elapsed = performance.now() - started;
    expect(failure).toBeInstanceOf(StorageError);
    expect((failure as StorageError).cause).toMatchObject({ name: 'TimeoutError' });
    expect(elapsed).toBeGreaterThanOrEqual(STORAGE_TIMEOUTS.requestMs);
    expect(elapsed).toBeLessThan(BOUND_MS);
  }, 40_000);

  it('makes a publish answer 503 in the API’s JSON shape, with Retry-After', async () => {
    const api = createApi({
      store: createDeckStore(silentS3()),
      templates: loadTemplates(),
      authorize: () => ({ id: 'admin', name: 'Administrator', admin: true }),
    });
    const started = performance.now();
    const result = await api(
      apiEvent({
        method: 'POST',
        path: '/api/decks',
        body: lectureYaml('hung'),
        headers: { 'content-type': 'application/yaml' },
      }),
    );
    expect(performance.now() - started).toBeLessThan(BOUND_MS);
    expect(result.statusCode).toBe(503);
    expect(result.headers?.['retry-after']).toBeDefined();
    expect(JSON.parse(String(result.body))).toMatchObject({ error: { code: 'storage-failed' } });
  }, 30_000);
});

describe('a data folder that hangs', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'lectern-hang-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('fails the call after its deadline instead of waiting for the disk', async () => {
    // Reading a named pipe that no one writes blocks, as a file on a dead network mount does.
    await mkdir(join(dataDir, 'decks', 'a'), { recursive: true });
    const pipe = join(dataDir, 'decks', 'a', 'deck.json');
    execFileSync('mkfifo', [pipe]);
    const store = withDeadlines(createFsObjectStore(dataDir), 300);
    const failure = await store.get('decks/a/deck.json').then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(StorageError);
    expect((failure as Error).message).toMatch(/did not answer within 300 ms/);
    // Let the blocked read finish, so it does not keep one of libuv's threads.
    const writer = await open(pipe, 'w');
    await writer.close();
  });

  it('passes answers and errors of a healthy folder through unchanged', async () => {
    const store = withDeadlines(createFsObjectStore(dataDir), 5_000);
    await store.put('decks/b/index.html', 'hello', { contentType: 'text/html' });
    expect(new TextDecoder().decode((await store.get('decks/b/index.html'))?.body)).toBe('hello');
    expect(await store.get('decks/b/missing.html')).toBeUndefined();
    await expect(store.get('../escape')).rejects.toBeInstanceOf(StorageError);
  });
});
