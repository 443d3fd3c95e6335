import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFsObjectStore } from '../../lambdas/store/fs-object-store.js';
import type { ObjectStore } from '../../lambdas/store/object-store.js';
import { createS3ObjectStore } from '../../lambdas/store/s3-object-store.js';
import { startS3Server, type TestS3Server } from './support/s3-server.js';
import {
  deleteDeck,
  expectEveryDeckWhole,
  putLecture,
  type ServerProcess,
  startServerProcess,
} from './support/server-process.js';

let root: string;
let s3: TestS3Server;
const running: ServerProcess[] = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'lectern-two-'));
  s3 = await startS3Server();
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.kill()));
});
afterAll(async () => {
  await s3?.dispose();
  await rm(root, { recursive: true, force: true });
});

// Two servers on one store, as two Lambda containers on one bucket: each has its own in-process
// lock, so only the store's conditional writes stand between them.
// s3rver ignores If-Match and If-None-Match (the store contract records it), so there the last of two
// racing pointer writes wins whatever the other read: what the conditional writes guarantee is
// checked on the data folder, which enforces them, and on s3rver only what holds without them.
const backings: [
  string,
  () => { env: Record<string, string>; objects: ObjectStore; enforcesPreconditions: boolean },
][] = [
  [
    'one data folder',
    () => ({
      env: { LECTERN_DATA_DIR: join(root, 'shared') },
      objects: createFsObjectStore(join(root, 'shared')),
      enforcesPreconditions: true,
    }),
  ],
  [
    'one bucket (s3rver)',
    () => ({
      env: {
        S3_BUCKET: s3.bucket,
        S3_ENDPOINT: s3.endpoint,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'S3RVER',
        AWS_SECRET_ACCESS_KEY: 'S3RVER',
      },
      objects: createS3ObjectStore(s3.client, s3.bucket),
      enforcesPreconditions: false,
    }),
  ],
];

describe.each(backings)('two server processes on %s', (_name, backing) => {
  it('racing publishes, and publishes against deletes, of one id: one whole version, history complete', async () => {
    const { env, objects, enforcesPreconditions } = backing();
    const [a, b] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
    running.push(a, b);
    const servers = [a, b];

    const publishes = await Promise.all(
      Array.from({ length: 24 }, (_, i) => putLecture(servers[i % 2]?.url ?? '', 'raced', `variant ${i}`)),
    );
    // On a loaded machine a racer may wait past the storage deadline: 503, the honest answer.
    for (const { status } of publishes) expect([201, 503]).toContain(status);
    const stored = publishes.filter((answer) => answer.status === 201);
    expect(stored.length).toBeGreaterThan(0);
    const store = await expectEveryDeckWhole(objects, expect);
    const current = await store.currentVersion('raced');
    expect(publishes.map((answer) => answer.version)).toContain(current);
    const history = (await store.listVersions('raced')) ?? [];
    expect(history.map((entry) => entry.version)).toEqual(
      expect.arrayContaining(stored.map((answer) => answer.version)),
    );
    // The current version is listed as current; with the pointer swapped only on the etag it was read
    // with, it is also the newest entry (a racer that lost re-reads and publishes after it).
    expect(history.filter((entry) => entry.current).map((entry) => entry.version)).toEqual([current]);
    if (enforcesPreconditions) expect(history[0]).toMatchObject({ version: current, current: true });

    const mixed = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        i % 2 === 0
          ? putLecture(servers[0]?.url ?? '', 'raced', `after ${i}`)
          : deleteDeck(servers[1]?.url ?? '', 'raced').then((status) => ({ status, version: undefined })),
      ),
    );
    // 503 is an honest answer too (s3rver fails some writes that race on one key): nothing changed.
    for (const { status } of mixed) expect([200, 201, 204, 404, 503]).toContain(status);
    await expectEveryDeckWhole(objects, expect);
    const deck = await store.getDeck('raced');
    // Either deleted (nothing served) or one whole version that some publish stored.
    if (deck) expect([...publishes, ...mixed].map((answer) => answer.version)).toContain(deck.version);
    const afterHistory = ((await store.listVersions('raced')) ?? []).map((entry) => entry.version);
    for (const { status, version } of mixed) if (status === 201) expect(afterHistory).toContain(version);
    expect(afterHistory).toEqual(expect.arrayContaining(history.map((entry) => entry.version)));
  }, 180_000);
});
