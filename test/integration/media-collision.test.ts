import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toApiGatewayEvent } from '../../lambdas/api/api-event.js';
import { createTokenAuthorizer, singleAdmin } from '../../lambdas/api/authorize.js';
import { createApi } from '../../lambdas/api/create-api.js';
import { loadTemplates } from '../../lambdas/node/templates-fs.js';
import { mediaKey, mediaRecordKey, mediaUploadKey } from '../../lambdas/site/layout.js';
import { createDeckStore } from '../../lambdas/store/deck-store.js';
import { createFsObjectStore } from '../../lambdas/store/fs-object-store.js';
import { createMediaStore, MediaNameTakenError } from '../../lambdas/store/media-store.js';
import type { ObjectStore } from '../../lambdas/store/object-store.js';
import { createS3ObjectStore } from '../../lambdas/store/s3-object-store.js';
import { createS3UploadSigner } from '../../lambdas/store/s3-upload-signer.js';
import { createMemoryObjectStore } from './support/memory-object-store.js';
import { startS3Server, type TestS3Server } from './support/s3-server.js';

// A stored media file is named by 16 hex digits of its SHA-256. Two different files sharing them
// cannot be made on purpose, so the test forges the stored side: another file's bytes put under the
// name the new file would take, as a collision (or a tampered bucket) would leave it.

const TOKEN = 'collision-token-0123456789abcdef';
const FIGURES = resolve('test/fixtures/media/figures');
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

let root: string;
let s3: TestS3Server;
let png: Buffer;
let counter = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'lectern-collision-'));
  s3 = await startS3Server();
  png = await readFile(join(FIGURES, 'dot.png'));
});

afterAll(async () => {
  await s3?.dispose();
  await rm(root, { recursive: true, force: true });
});

const backings: [string, () => ObjectStore][] = [
  ['embedded (disk)', () => createFsObjectStore(join(root, `store-${++counter}`))],
  ['S3 (s3rver)', () => scoped(createS3ObjectStore(s3.client, s3.bucket), `run-${++counter}/`)],
];

/** The new file (a PNG) and the different bytes already stored under its name. */
function forgery() {
  const bytes = Buffer.concat([png, Buffer.from(`trailing bytes ${counter}`)]);
  const claim = { sha256: sha256(bytes), type: 'png' as const, size: bytes.byteLength };
  return { bytes, claim, name: `${claim.sha256.slice(0, 16)}.png`, other: png };
}

describe.each(backings)('a media name already taken by other bytes: %s', (_backing, makeObjects) => {
  it('is refused, keeps the stored file, and records nothing', async () => {
    const objects = makeObjects();
    const media = createMediaStore(objects);
    const { bytes, claim, name, other } = forgery();
    await objects.put(mediaKey(name), other, { contentType: 'image/png' });

    const stored = media.store(claim, bytes);
    await expect(stored).rejects.toBeInstanceOf(MediaNameTakenError);
    await expect(stored).rejects.toThrow(`media/${name} already holds another file`);
    expect(Buffer.from((await objects.get(mediaKey(name)))?.body ?? []).equals(other)).toBe(true);
    expect(await objects.get(mediaRecordKey(claim.sha256))).toBeUndefined();
    expect(await media.find(claim.sha256)).toBeUndefined();
  });

  it('a stored file that is really these bytes (its record lost) is taken as stored', async () => {
    const objects = makeObjects();
    const media = createMediaStore(objects);
    const { bytes, claim, name } = forgery();
    await objects.put(mediaKey(name), bytes, { contentType: 'image/png' });
    expect((await media.store(claim, bytes)).name).toBe(name);
    expect((await media.find(claim.sha256))?.sha256).toBe(claim.sha256);
  });

  it('a same-length forgery is refused too (the full hash decides, not the length)', async () => {
    const objects = makeObjects();
    const media = createMediaStore(objects);
    const { bytes, claim, name } = forgery();
    const sameLength = Buffer.from(bytes);
    sameLength[sameLength.length - 1] = (sameLength.at(-1) ?? 0) ^ 1;
    await objects.put(mediaKey(name), sameLength, { contentType: 'image/png' });
    await expect(media.store(claim, bytes)).rejects.toBeInstanceOf(MediaNameTakenError);
  });

  it('POST /api/media/check answers 409 media-name-taken and drops the upload', async () => {
    const objects = makeObjects();
    const api = createApi({
      store: createDeckStore(objects),
      media: { store: createMediaStore(objects), signUpload: createS3UploadSigner(s3.client, s3.bucket) },
      templates: loadTemplates(),
      authorize: createTokenAuthorizer(singleAdmin(TOKEN)),
    });
    const { bytes, claim, name, other } = forgery();
    await objects.put(mediaKey(name), other, { contentType: 'image/png' });
    await objects.put(mediaUploadKey(claim.sha256), bytes, { contentType: 'image/png' });
    const result = await api(
      toApiGatewayEvent({
        method: 'POST',
        path: '/api/media/check',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: Buffer.from(JSON.stringify({ ...claim, type: 'image/png' })),
      }),
    );
    expect(result.statusCode).toBe(409);
    const { error } = JSON.parse(result.body ?? '{}') as { error: { code: string; message: string } };
    expect(error.code).toBe('media-name-taken');
    expect(error.message).toContain(`media/${name}`);
    expect(await objects.get(mediaUploadKey(claim.sha256))).toBeUndefined();
    expect(Buffer.from((await objects.get(mediaKey(name)))?.body ?? []).equals(other)).toBe(true);
  });
});

describe('a media name taken between the look and the write (a conditional write refused)', () => {
  it('compares what won the race: the same bytes are success, other bytes a collision', async () => {
    for (const [winner, outcome] of [
      ['same', 'stored'],
      ['other', 'refused'],
    ] as const) {
      const objects = createMemoryObjectStore();
      const { bytes, claim, name, other } = forgery();
      // The other writer lands right after this one looked and found nothing.
      const racing: ObjectStore = {
        ...objects,
        async get(key) {
          const found = await objects.get(key);
          if (key === mediaKey(name) && !found) {
            await objects.put(key, winner === 'same' ? bytes : other, { contentType: 'image/png' });
          }
          return found;
        },
      };
      const stored = createMediaStore(racing).store(claim, bytes);
      if (outcome === 'stored') expect((await stored).name).toBe(name);
      else await expect(stored).rejects.toBeInstanceOf(MediaNameTakenError);
    }
  });
});

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
