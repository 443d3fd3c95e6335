import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizeByJwtClaims } from '../../lambdas/api/authorize.js';
import { type Api, createApi } from '../../lambdas/api/create-api.js';
import { loadTemplates } from '../../lambdas/node/templates-fs.js';
import { ADMIN_GROUP } from '../../lambdas/site/env-names.js';
import { createDeckStore, type DeckStore } from '../../lambdas/store/deck-store.js';
import { createFsObjectStore } from '../../lambdas/store/fs-object-store.js';
import type { ObjectStore } from '../../lambdas/store/object-store.js';
import { createS3ObjectStore } from '../../lambdas/store/s3-object-store.js';
import { apiEvent } from './support/api-event.js';
import { lectureYaml } from './support/lectures.js';
import { startS3Server, type TestS3Server } from './support/s3-server.js';

// Deployed identities: the JWT authorizer's verified claims, as API Gateway hands them over.
const ADA = { sub: 'sub-ada', email: 'ada@example.edu' };
const BEN = { sub: 'sub-ben', email: 'ben@example.edu' };
const ROOT = { sub: 'sub-root', email: 'root@example.edu', 'cognito:groups': `[${ADMIN_GROUP} staff]` };
const YAML = { 'content-type': 'application/yaml' };

let s3: TestS3Server;
let dataDir: string;

beforeAll(async () => {
  s3 = await startS3Server();
  dataDir = await mkdtemp(join(tmpdir(), 'lectern-ownership-'));
});

afterAll(async () => {
  await s3?.dispose();
  await rm(dataDir, { recursive: true, force: true });
});

const backings: [string, () => ObjectStore][] = [
  ['embedded (disk)', () => createFsObjectStore(dataDir)],
  ['S3 (s3rver)', () => createS3ObjectStore(s3.client, s3.bucket)],
];

describe.each(backings)('two instructors and an administrator: %s', (_name, makeObjects) => {
  let store: DeckStore;
  let api: Api;
  let tick = 0;
  const as = async (claims: Record<string, string>, method: string, path: string, body?: string) => {
    const result = await api(
      apiEvent({
        method,
        path,
        claims,
        ...(body !== undefined ? { body, headers: path.endsWith('restore') ? {} : YAML } : {}),
      }),
    );
    return { status: result.statusCode, body: result.body ? JSON.parse(result.body) : undefined };
  };

  beforeAll(() => {
    store = createDeckStore(makeObjects(), { clock: () => new Date(Date.UTC(2026, 11, 2, 9, 0, tick++)) });
    api = createApi({ store, templates: loadTemplates(), authorize: authorizeByJwtClaims });
  });

  it("refuses another instructor's republish, restore and delete with 403, and changes nothing", async () => {
    const v1 = await as(ADA, 'PUT', '/api/decks/owned-deck', lectureYaml('owned-deck', 'first'));
    expect(v1.status).toBe(201);
    const before = await as(ADA, 'GET', '/api/decks/owned-deck/versions');

    const tries = [
      await as(BEN, 'PUT', '/api/decks/owned-deck', lectureYaml('owned-deck', 'hijack')),
      await as(BEN, 'POST', '/api/decks', lectureYaml('owned-deck', 'hijack again')),
      await as(BEN, 'POST', '/api/decks/owned-deck/restore', JSON.stringify({ version: v1.body.version })),
      await as(BEN, 'DELETE', '/api/decks/owned-deck'),
    ];
    for (const answer of tries) {
      expect(answer.status).toBe(403);
      expect(answer.body.error.code).toBe('forbidden');
      expect(answer.body.error.message).toContain(ADA.email);
    }
    const deck = await as(BEN, 'GET', '/api/decks/owned-deck');
    expect(deck.body).toMatchObject({ version: v1.body.version, owner: { name: ADA.email } });
    expect(await as(BEN, 'GET', '/api/decks/owned-deck/versions')).toEqual(before);
    const listed = await as(BEN, 'GET', '/api/decks');
    expect(listed.body.decks.find((d: { id: string }) => d.id === 'owned-deck')).toMatchObject({
      owner: ADA.email,
    });
  });

  it('lets the owner and an administrator republish, restore and delete; history records each', async () => {
    const v2 = await as(ADA, 'PUT', '/api/decks/owned-deck', lectureYaml('owned-deck', 'second'));
    expect(v2.status).toBe(201);
    const byAdmin = await as(
      ROOT,
      'PUT',
      '/api/decks/owned-deck',
      lectureYaml('owned-deck', 'third, by the admin'),
    );
    expect(byAdmin.status).toBe(201);
    const history = await as(BEN, 'GET', '/api/decks/owned-deck/versions');
    expect(history.status).toBe(200);
    const [newest, middle, oldest] = history.body.versions;
    expect(history.body.versions).toHaveLength(3);
    expect(newest).toMatchObject({ version: byAdmin.body.version, publishedBy: ROOT.email, current: true });
    expect(middle).toMatchObject({ version: v2.body.version, publishedBy: ADA.email, current: false });
    expect(Object.keys(oldest).slice(0, 5)).toEqual([
      'version',
      'publishedAt',
      'publishedBy',
      'slides',
      'current',
    ]);

    const restored = await as(
      ADA,
      'POST',
      '/api/decks/owned-deck/restore',
      JSON.stringify({ version: oldest.version }),
    );
    expect(restored.status).toBe(201);
    expect(restored.body).toMatchObject({
      id: 'owned-deck',
      version: oldest.version,
      url: '/decks/owned-deck/',
    });
    const after = await as(ADA, 'GET', '/api/decks/owned-deck/versions');
    expect(after.body.versions).toHaveLength(4);
    expect(after.body.versions[0]).toMatchObject({
      version: oldest.version,
      current: true,
      action: 'restore',
    });
    const site = await api(apiEvent({ method: 'GET', path: '/decks/owned-deck/' }));
    expect(site.statusCode).toBe(302);
    expect(site.headers?.location).toBe(`/decks/owned-deck/v/${oldest.version}/`);

    expect((await as(ADA, 'POST', '/api/decks/owned-deck/restore', '{"version": "0000000000"}')).status).toBe(
      404,
    );
    expect((await as(ADA, 'POST', '/api/decks/owned-deck/restore', '{"v": 1}')).status).toBe(400);
    expect((await as(ADA, 'GET', '/api/decks/never-published/versions')).status).toBe(404);

    expect((await as(ROOT, 'DELETE', '/api/decks/owned-deck')).status).toBe(204);
    expect((await api(apiEvent({ method: 'GET', path: '/decks/owned-deck/' }))).statusCode).toBe(404);
    // Deleted, the id is still Ada's.
    expect((await as(BEN, 'PUT', '/api/decks/owned-deck', lectureYaml('owned-deck', 'take'))).status).toBe(
      403,
    );
  });

  it('a second publisher of a new id never takes it from the first, even at the same moment', async () => {
    const racing = await Promise.all([
      as(ADA, 'PUT', '/api/decks/raced-deck', lectureYaml('raced-deck', 'ada')),
      as(BEN, 'PUT', '/api/decks/raced-deck', lectureYaml('raced-deck', 'ben')),
    ]);
    const statuses = racing.map((answer) => answer.status).sort();
    expect(statuses).toEqual([201, 403]);
    const winner = racing[0]?.status === 201 ? ADA : BEN;
    expect((await store.getDeck('raced-deck'))?.owner.id).toBe(winner.sub);
  });
});
