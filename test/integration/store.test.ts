import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
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
