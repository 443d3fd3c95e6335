import { watch } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFsObjectStore } from '../../lambdas/store/fs-object-store.js';
import {
  expectEveryDeckWhole,
  putLecture,
  type ServerProcess,
  startServerProcess,
} from './support/server-process.js';

let root: string;
const running: ServerProcess[] = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'lectern-kill-'));
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.kill()));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const start = async (dataDir: string) => {
  const server = await startServerProcess({ LECTERN_DATA_DIR: dataDir });
  running.push(server);
  return server;
};

describe('kill -9 of the local server', () => {
  it('during a burst of publishes: after a restart every deck that got 201 is whole, nothing else shows', async () => {
    const dataDir = join(root, 'burst');
    for (const round of [1, 2]) {
      const server = await start(dataDir);
      const answers: Promise<{ id: string; status: number; version?: string }>[] = [];
      for (let i = 0; i < 40; i += 1) {
        const id = `burst-${i % 8}`;
        answers.push(
          putLecture(server.url, id, `round ${round} variant ${i}`).then((answer) => ({ id, ...answer })),
        );
      }
      // Kill once some publishes have answered and others are surely still running.
      await Promise.race(answers);
      await server.kill('SIGKILL');
      const settled = await Promise.all(answers);

      const restarted = await start(dataDir);
      const store = await expectEveryDeckWhole(createFsObjectStore(dataDir), expect);
      for (const { id, status, version } of settled.filter((answer) => answer.status === 201)) {
        // The deck stands, and the version that got 201 is stored whole (a later one may be current).
        expect(await store.currentVersion(id), id).toBeDefined();
        expect(
          (await store.readVersionFile(id, version ?? '', 'deck.json'))?.body.byteLength,
          `${id} ${version} ${status}`,
        ).toBeGreaterThan(0);
        const history = (await store.listVersions(id))?.map((entry) => entry.version) ?? [];
        expect(history, id).toContain(version);
      }
      const listed = (await store.listDecks()).map((deck) => deck.id);
      expect(listed.every((id) => /^burst-\d$/.test(id))).toBe(true);
      await restarted.kill('SIGTERM');
    }
  }, 180_000);

  it('at chosen moments of one publish (a version file appearing, the pointer changing): old whole or new whole', async () => {
    const dataDir = join(root, 'moments');
    const first = await start(dataDir);
    expect((await putLecture(first.url, 'moment', 'v1')).status).toBe(201);
    await first.kill('SIGTERM');
    for (const [n, moment] of [
      /\/v\/[^/]+\/index\.html$/,
      /\/v\/[^/]+\/deck\.json$/,
      /pointer\.json\.lock$/,
    ].entries()) {
      const server = await start(dataDir);
      const deckDir = join(dataDir, 'decks', 'moment');
      const seen = new Promise<void>((resolve) => {
        const watcher = watch(deckDir, { recursive: true }, (_event, name) => {
          if (name && moment.test(`/${name}`)) {
            watcher.close();
            resolve();
          }
        });
        setTimeout(() => {
          watcher.close();
          resolve();
        }, 5_000);
      });
      const publish = putLecture(server.url, 'moment', `v${n + 2}`);
      await seen;
      await server.kill('SIGKILL');
      const answer = await publish;

      const restarted = await start(dataDir);
      const store = await expectEveryDeckWhole(createFsObjectStore(dataDir), expect);
      const current = await store.currentVersion('moment');
      expect(current, String(moment)).toBeDefined();
      if (answer.status === 201) expect(current).toBe(answer.version);
      // Whatever the moment, the same publish goes through afterwards.
      const again = await putLecture(restarted.url, 'moment', `v${n + 2}`);
      expect([200, 201]).toContain(again.status);
      expect(await store.currentVersion('moment')).toBe(again.version);
      await restarted.kill('SIGTERM');
    }
  }, 180_000);
});
