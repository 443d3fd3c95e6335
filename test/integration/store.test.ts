import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createFsObjectStore } from '../../lambdas/store/fs-object-store.js';
import { createS3ObjectStore } from '../../lambdas/store/s3-object-store.js';
import { startS3Server, type TestS3Server } from './support/s3-server.js';
import { describeDeckStoreContract } from './support/store-contract.js';

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

// Each test gets its own folder (disk) or its own bucket prefix (S3) so tests cannot see each other.
describeDeckStoreContract('embedded (disk)', async () => {
  counter += 1;
  return createFsObjectStore(join(root, `store-${counter}`));
});

describeDeckStoreContract('S3 (s3rver)', async () => {
  counter += 1;
  const objects = createS3ObjectStore(s3.client, s3.bucket);
  const scope = `run-${counter}/`;
  return {
    get: (key) => objects.get(scope + key),
    put: (key, body, options) => objects.put(scope + key, body, options),
    delete: (key) => objects.delete(scope + key),
    listChildren: (prefix) => objects.listChildren(scope + prefix),
  };
});
