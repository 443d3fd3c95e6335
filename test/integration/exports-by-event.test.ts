import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenAuthorizer, singleAdmin } from '../../lambdas/api/authorize.js';
import { createApi } from '../../lambdas/api/create-api.js';
import { eventKey, exportByJobFile, runExportJob } from '../../lambdas/api/export-jobs.js';
import { readStoredImages } from '../../lambdas/api/stored-media.js';
import { readAssetBytes } from '../../lambdas/node/single-file-assets.js';
import { loadTemplates } from '../../lambdas/node/templates-fs.js';
import { exportJobKey } from '../../lambdas/site/layout.js';
import { createDeckStore } from '../../lambdas/store/deck-store.js';
import { createMediaStore } from '../../lambdas/store/media-store.js';
import { createS3ObjectStore } from '../../lambdas/store/s3-object-store.js';
import { createS3UploadSigner } from '../../lambdas/store/s3-upload-signer.js';
import { apiEvent } from './support/api-event.js';
import { startS3Server, type TestS3Server } from './support/s3-server.js';

// As the stack deploys it: the API leaves a job file under export-jobs/ and answers; the export
// function, called by the bucket, makes the PowerPoint file and the single-file page from it.

const TOKEN = 'exports-by-event-token';
const PNG = readFileSync(resolve('test/fixtures/media/figures/dot.png'));
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

let s3: TestS3Server;
beforeAll(async () => {
  s3 = await startS3Server();
});
afterAll(async () => {
  await s3?.dispose();
});

describe('exports made by the export function', () => {
  it('the publish stores a job file and answers; the job makes both files, with the stored image, and goes', async () => {
    const objects = createS3ObjectStore(s3.client, s3.bucket);
    const store = createDeckStore(objects);
    const media = createMediaStore(objects);
    const templates = loadTemplates();
    await media.store({ sha256: sha256(PNG), type: 'png', size: PNG.byteLength }, PNG);
    const api = createApi({
      store,
      media: { store: media, signUpload: createS3UploadSigner(s3.client, s3.bucket) },
      templates,
      authorize: createTokenAuthorizer(singleAdmin(TOKEN)),
      exporter: exportByJobFile(objects),
    });
    const lecture =
      'id: by-event\ntitle: By event\nsections:\n  - title: One\n    slides:\n      - kind: image\n        src: dot.png\n        alt: A dot\n        notes: N.\n';
    const answer = await api(
      apiEvent({
        method: 'PUT',
        path: '/api/decks/by-event',
        headers: {
          authorization: `Bearer ${TOKEN}`,
          'content-type': 'application/vnd.lectern.publication+json',
        },
        body: JSON.stringify({ lecture, media: { 'dot.png': sha256(PNG) } }),
      }),
    );
    expect(answer.statusCode, answer.body).toBe(201);
    const { version } = JSON.parse(answer.body ?? '{}') as { version: string };
    const key = exportJobKey('by-event', version);
    expect(await objects.get(key)).toBeDefined();
    expect(await store.listVersionFiles('by-event', version)).not.toContain('deck.pptx');

    const run = () =>
      runExportJob(eventKey(encodeURIComponent(key)), {
        objects,
        store,
        tools: { templates, loadAssets: async () => readAssetBytes() },
        readImages: (files) => readStoredImages(new Map(files), media),
      });
    expect(await run()).toBe('made');
    expect(await objects.get(key)).toBeUndefined();
    const pptx = await store.readVersionFile('by-event', version, 'deck.pptx');
    const zip = await JSZip.loadAsync(pptx?.body ?? new Uint8Array());
    const pictures = await Promise.all(
      Object.keys(zip.files)
        .filter((path) => path.startsWith('ppt/media/'))
        .map(async (path) => Buffer.from((await zip.file(path)?.async('uint8array')) ?? [])),
    );
    expect(pictures.some((bytes) => bytes.equals(PNG))).toBe(true);
    const page = await store.readVersionFile('by-event', version, 'deck.html');
    expect(Buffer.from(page?.body ?? []).toString('utf8')).toContain(
      `data:image/png;base64,${PNG.toString('base64')}`,
    );
    // The same event again (Lambda may deliver one twice): nothing left to do.
    expect(await run()).toBe('gone');
  });

  it('refuses a key that is not a job file, and a job file that names another version', async () => {
    const objects = createS3ObjectStore(s3.client, s3.bucket);
    const deps = {
      objects,
      store: createDeckStore(objects),
      tools: { templates: loadTemplates() },
      readImages: async () => new Map(),
    };
    await expect(runExportJob('decks/x/pointer.json', deps)).rejects.toThrow(/not an export job/);
    await objects.put(
      exportJobKey('forged', '0123456789abcdef'),
      JSON.stringify({ id: 'other', version: 'x' }),
      {
        contentType: 'application/json',
      },
    );
    await expect(runExportJob(exportJobKey('forged', '0123456789abcdef'), deps)).rejects.toThrow(
      /holds the job of other/,
    );
  });

  it('reads an event key as S3 writes it', () => {
    expect(eventKey('export-jobs/a%2Bb/c+d.json')).toBe('export-jobs/a+b/c d.json');
  });
});
