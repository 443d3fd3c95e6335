import { describe, expect, it } from 'vitest';
import { createDeckStore, type DeckStore } from '../../../lambdas/store/deck-store.js';
import { StorageError } from '../../../lambdas/store/errors.js';
import type { ObjectStore } from '../../../lambdas/store/object-store.js';
import { ADA, makePublication, textOf } from './deck-fixture.js';
import { countingWrites, failingWrite, hangingWrite } from './faulty-store.js';
import type { ObjectStoreFactory } from './store-contract.js';

type Publication = ReturnType<typeof makePublication>;

/** The deck serves exactly one version, every file of it whole: the invariant each fault must keep. */
async function expectWhole(
  store: DeckStore,
  id: string,
  allowed: Publication[],
): Promise<Publication | undefined> {
  const version = await store.currentVersion(id);
  if (version === undefined) return undefined;
  const publication = allowed.find((p) => p.manifest.version === version);
  expect(publication, `current version ${version} is one of the published ones`).toBeDefined();
  for (const [name, body] of Object.entries(publication?.files ?? {})) {
    expect(textOf(await store.readVersionFile(id, version, name)), name).toBe(body);
  }
  expect((await store.getDeck(id))?.version).toBe(version);
  return publication;
}

/** How many writes an operation makes on a given backing, counted, not assumed. */
async function writesOf(objects: ObjectStore, run: (store: DeckStore) => Promise<unknown>): Promise<number> {
  const counting = countingWrites(objects);
  await run(createDeckStore(counting));
  return counting.written.length;
}

/** Storage failing at every single write of a publish, a restore and a delete, on one backing. */
export function describeStoreFaults(backing: string, makeObjects: ObjectStoreFactory): void {
  describe(`deck store faults: ${backing}`, () => {
    const v1 = makePublication('fragile', 'version one');
    const v2 = makePublication('fragile', 'version two');

    it('fails every write of a publish in turn: old version whole, or new version whole; a retry finishes', async () => {
      const total = await writesOf(await makeObjects(), async (store) => {
        await store.publishDeck(v1, ADA);
        await store.publishDeck(v2, ADA);
      });
      const firstPublish = await writesOf(await makeObjects(), (store) => store.publishDeck(v1, ADA));
      const second = total - firstPublish;
      expect(second).toBeGreaterThanOrEqual(5);
      for (let failAt = 1; failAt <= second; failAt += 1) {
        const objects = await makeObjects();
        await createDeckStore(objects).publishDeck(v1, ADA);
        const failing = createDeckStore(failingWrite(objects, failAt));
        const outcome = await failing.publishDeck(v2, ADA).then(
          () => 'published',
          (error: unknown) => (error instanceof StorageError ? 'refused' : error),
        );
        const store = createDeckStore(objects);
        const serving = await expectWhole(store, 'fragile', [v1, v2]);
        // A 503 means exactly "the previous version still stands"; success means the new one does.
        expect(serving, `write ${failAt}: ${String(outcome)}`).toBe(outcome === 'published' ? v2 : v1);
        await store.publishDeck(v2, ADA);
        expect(await store.currentVersion('fragile')).toBe(v2.manifest.version);
        expect((await store.listVersions('fragile'))?.map((v) => v.version)).toEqual([
          v2.manifest.version,
          v1.manifest.version,
        ]);
      }
    });

    it('fails every write of a first publish: nothing listed or served, and a retry finishes', async () => {
      const total = await writesOf(await makeObjects(), (store) => store.publishDeck(v1, ADA));
      for (let failAt = 1; failAt <= total; failAt += 1) {
        const objects = await makeObjects();
        const outcome = await createDeckStore(failingWrite(objects, failAt))
          .publishDeck(v1, ADA)
          .then(
            () => 'published',
            () => 'refused',
          );
        const store = createDeckStore(objects);
        const serving = await expectWhole(store, 'fragile', [v1]);
        expect(serving, `write ${failAt}`).toBe(outcome === 'published' ? v1 : undefined);
        expect((await store.listDecks()).length).toBe(outcome === 'published' ? 1 : 0);
        expect((await store.publishDeck(v1, ADA)).manifest.version).toBe(v1.manifest.version);
        expect(await store.currentVersion('fragile')).toBe(v1.manifest.version);
      }
    });

    it('fails every write of a delete and of a restore: whole before or whole after, and a retry finishes', async () => {
      const setUp = async () => {
        const objects = await makeObjects();
        const store = createDeckStore(objects);
        await store.publishDeck(v1, ADA);
        await store.publishDeck(v2, ADA);
        return objects;
      };
      const operations: [string, (store: DeckStore) => Promise<unknown>, Publication | undefined][] = [
        ['delete', (store) => store.deleteDeck('fragile', ADA), undefined],
        ['restore', (store) => store.restoreDeck('fragile', v1.manifest.version, ADA), v1],
      ];
      for (const [name, run, after] of operations) {
        const objects = await setUp();
        const total = await writesOf(objects, run);
        for (let failAt = 1; failAt <= total; failAt += 1) {
          const fresh = await setUp();
          const outcome = await run(createDeckStore(failingWrite(fresh, failAt))).then(
            () => 'done',
            () => 'refused',
          );
          const store = createDeckStore(fresh);
          const serving = await expectWhole(store, 'fragile', [v1, v2]);
          expect(serving, `${name}, write ${failAt}`).toBe(outcome === 'done' ? after : v2);
          await run(store);
          expect(await store.currentVersion('fragile')).toBe(after?.manifest.version);
        }
      }
    });

    it('a publish that hangs mid-way (a frozen or timed-out container) leaves the old version; another finishes it', async () => {
      for (const hangAt of [2, 4, 5]) {
        // A fresh store each time: once v2 is stored whole, publishing it again writes only its pointer.
        const objects = await makeObjects();
        await createDeckStore(objects).publishDeck(v1, ADA);
        const stuck = hangingWrite(objects, hangAt);
        const late = createDeckStore(stuck.store).publishDeck(v2, ADA);
        await stuck.reached;
        const store = createDeckStore(objects);
        expect(await expectWhole(store, 'fragile', [v1, v2])).toBe(v1);
        // Another container publishes and restores meanwhile; then the stuck one wakes up.
        await store.publishDeck(v2, ADA);
        await store.restoreDeck('fragile', v1.manifest.version, ADA);
        stuck.release();
        await late.catch(() => undefined);
        expect(await expectWhole(store, 'fragile', [v1, v2])).toBeDefined();
      }
    });
  });
}
