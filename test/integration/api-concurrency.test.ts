import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenAuthorizer, singleAdmin } from '../../lambdas/api/authorize.js';
import { createApi } from '../../lambdas/api/create-api.js';
import { loadTemplates } from '../../lambdas/node/templates-fs.js';
import { createDeckStore, type DeckStore } from '../../lambdas/store/deck-store.js';
import { createFsObjectStore } from '../../lambdas/store/fs-object-store.js';
import type { ObjectStore } from '../../lambdas/store/object-store.js';
import { createS3ObjectStore } from '../../lambdas/store/s3-object-store.js';
import { apiEvent } from './support/api-event.js';
import { textOf } from './support/deck-fixture.js';
import { lectureYaml } from './support/lectures.js';
import { startS3Server, type TestS3Server } from './support/s3-server.js';

const TOKEN = 'concurrency-token-0123';
const HEADERS = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/yaml' };

let s3: TestS3Server;
let dataDir: string;

beforeAll(async () => {
  s3 = await startS3Server();
  dataDir = await mkdtemp(join(tmpdir(), 'lectern-concurrency-'));
});

afterAll(async () => {
  await s3?.dispose();
  await rm(dataDir, { recursive: true, force: true });
});

const backings: [string, () => ObjectStore][] = [
  ['embedded (disk)', () => createFsObjectStore(dataDir)],
  ['S3 (s3rver)', () => createS3ObjectStore(s3.client, s3.bucket)],
];

describe.each(backings)('parallel publishing: %s', (_name, makeObjects) => {
  let store: DeckStore;
  const publish = async (path: string, method: string, body: string) => {
    const api = createApi({
      store,
      templates: loadTemplates(),
      authorize: createTokenAuthorizer(singleAdmin(TOKEN)),
    });
    const result = await api(apiEvent({ method, path, body, headers: HEADERS }));
    return { status: result.statusCode, body: JSON.parse(result.body ?? '{}') };
  };

  beforeAll(() => {
    store = createDeckStore(makeObjects());
  });

  it('50 different decks at once all succeed and are all listed', async () => {
    const ids = Array.from({ length: 50 }, (_, i) => `parallel-${i}`);
    const answers = await Promise.all(ids.map((id) => publish('/api/decks', 'POST', lectureYaml(id, id))));
    expect(answers.map((a) => a.status)).toEqual(ids.map(() => 201));
    const listed = (await store.listDecks()).map((deck) => deck.id);
    expect(listed).toEqual(expect.arrayContaining(ids));
    for (const [i, answer] of answers.entries()) {
      expect((await store.getDeck(ids[i] ?? ''))?.version).toBe(answer.body.version);
    }
  });

  it('20 versions of one deck at once all succeed; every version reported stays readable, and the current one is whole', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        publish('/api/decks/contested', 'PUT', lectureYaml('contested', `variant-${i}-end`)),
      ),
    );
    expect(answers.every((a) => a.status === 201)).toBe(true);
    const versions = answers.map((a) => a.body.version as string);
    expect(new Set(versions).size).toBe(20);
    for (const [i, version] of versions.entries()) {
      const page = textOf(await store.readVersionFile('contested', version, 'index.html'));
      expect(page).toContain(`variant-${i}-end`);
      const pointer = JSON.parse(
        textOf(await store.readVersionFile('contested', version, 'deck.json')) ?? '{}',
      );
      expect(pointer.version).toBe(version);
    }
    // Whichever publish came last is current, and every publish is in the history.
    const current = await store.getDeck('contested');
    expect(versions).toContain(current?.version);
    const history = (await store.listVersions('contested')) ?? [];
    expect(history.map((entry) => entry.version).sort()).toEqual([...versions].sort());
    expect(history[0]).toMatchObject({ version: current?.version, current: true });
  });
});
