import { describe, expect, it } from 'vitest';
import { createDeckStore } from '../../../lambdas/store/deck-store.js';
import { StorageError } from '../../../lambdas/store/errors.js';
import type { ObjectStore } from '../../../lambdas/store/object-store.js';
import { makePublication, textOf } from './deck-fixture.js';

/** A fresh, empty object store of one backing (each call gets its own key space). */
export type ObjectStoreFactory = () => Promise<ObjectStore>;

/** Wraps a store so that the `failAt`-th put (1-based) fails once, as a dropped connection would. */
function failingPut(objects: ObjectStore, failAt: number): ObjectStore {
  let puts = 0;
  return {
    ...objects,
    put(key, body, options) {
      puts += 1;
      if (puts === failAt) return Promise.reject(new StorageError(`injected failure writing ${key}`));
      return objects.put(key, body, options);
    },
  };
}

/** One behaviour for every backing: the same suite runs against the disk store and the S3 store. */
export function describeDeckStoreContract(backing: string, makeObjects: ObjectStoreFactory): void {
  describe(`deck store contract: ${backing}`, () => {
    it('starts empty', async () => {
      const store = createDeckStore(await makeObjects());
      expect(await store.listDecks()).toEqual([]);
      expect(await store.getDeck('nothing')).toBeUndefined();
      expect(await store.readDeckFile('nothing', 'index.html')).toBeUndefined();
      expect(await store.deleteDeck('nothing')).toBe(false);
    });

    it('publishes a deck: current pages, the pointer, and the immutable version', async () => {
      const store = createDeckStore(await makeObjects());
      const first = makePublication('cold-war', 'Stalin, Mao — 毛泽东, Сталин');
      const result = await store.publishDeck(first);
      expect(result).toEqual({ created: true, manifest: first.manifest });

      expect(await store.getDeck('cold-war')).toEqual(first.manifest);
      const index = await store.readDeckFile('cold-war', 'index.html');
      expect(textOf(index)).toBe(first.current['index.html']);
      expect(index?.contentType).toMatch(/^text\/html/);
      expect(textOf(await store.readDeckFile('cold-war', 'handout.html'))).toBe(
        first.current['handout.html'],
      );
      const pointer = await store.readDeckFile('cold-war', 'deck.json');
      expect(pointer?.contentType).toMatch(/^application\/json/);
      expect(JSON.parse(textOf(pointer) ?? '')).toEqual(first.manifest);

      const version = first.manifest.version;
      expect(textOf(await store.readDeckFile('cold-war', 'index.html', version))).toBe(
        first.versioned['index.html'],
      );
      expect(textOf(await store.readDeckFile('cold-war', 'handout.html', version))).toBe(
        first.versioned['handout.html'],
      );
      expect(JSON.parse(textOf(await store.readDeckFile('cold-war', 'deck.json', version)) ?? '')).toEqual(
        first.manifest,
      );
    });

    it('answers "not created" for the version it already holds, keeping the first manifest', async () => {
      const store = createDeckStore(await makeObjects());
      const first = makePublication('same', 'one', '2026-11-25T08:00:00.000Z');
      await store.publishDeck(first);
      const again = makePublication('same', 'one', '2026-11-25T09:00:00.000Z');
      const result = await store.publishDeck(again);
      expect(result.created).toBe(false);
      expect(result.manifest.generatedAt).toBe('2026-11-25T08:00:00.000Z');
      expect((await store.getDeck('same'))?.generatedAt).toBe('2026-11-25T08:00:00.000Z');
    });

    it('moves the current version forward and keeps the old one readable', async () => {
      const store = createDeckStore(await makeObjects());
      const v1 = makePublication('moving', 'first text');
      const v2 = makePublication('moving', 'second text');
      await store.publishDeck(v1);
      expect((await store.publishDeck(v2)).created).toBe(true);
      expect((await store.getDeck('moving'))?.version).toBe(v2.manifest.version);
      expect(textOf(await store.readDeckFile('moving', 'index.html'))).toBe(v2.current['index.html']);
      expect(textOf(await store.readDeckFile('moving', 'index.html', v1.manifest.version))).toBe(
        v1.versioned['index.html'],
      );
    });

    it('lists every deck by id with its manifest', async () => {
      const store = createDeckStore(await makeObjects());
      await store.publishDeck(makePublication('b-deck', 'b'));
      await store.publishDeck(makePublication('a-deck', 'a'));
      const listed = await store.listDecks();
      expect(listed.map((deck) => deck.id)).toEqual(['a-deck', 'b-deck']);
      expect(listed[0]?.title).toBe('Deck a-deck');
    });

    it('lists the other decks when one deck.json is malformed, and still refuses to read that one', async () => {
      const objects = await makeObjects();
      const store = createDeckStore(objects);
      await store.publishDeck(makePublication('a-good', 'a'));
      await store.publishDeck(makePublication('z-good', 'z'));
      const json = { contentType: 'application/json' };
      await objects.put('decks/corrupt/deck.json', '{bad', json);
      await objects.put('decks/nulled/deck.json', 'null', json);
      await objects.put('decks/listy/deck.json', '[1, 2]', json);
      await objects.put('decks/no-version/deck.json', '{"id": "no-version"}', json);

      expect((await store.listDecks()).map((deck) => deck.id)).toEqual(['a-good', 'z-good']);
      for (const id of ['corrupt', 'nulled', 'listy', 'no-version']) {
        await expect(store.getDeck(id), id).rejects.toBeInstanceOf(StorageError);
      }
      expect((await store.getDeck('a-good'))?.id).toBe('a-good');
    });

    it('still fails the whole listing when the storage itself fails', async () => {
      const objects = await makeObjects();
      await createDeckStore(objects).publishDeck(makePublication('a-good', 'a'));
      await createDeckStore(objects).publishDeck(makePublication('b-down', 'b'));
      const down = new StorageError('injected: storage unreachable');
      const failingGet = createDeckStore({
        ...objects,
        get: (key) => (key.includes('b-down') ? Promise.reject(down) : objects.get(key)),
      });
      await expect(failingGet.listDecks()).rejects.toBe(down);
      const failingList = createDeckStore({ ...objects, listChildren: () => Promise.reject(down) });
      await expect(failingList.listDecks()).rejects.toBe(down);
    });

    it('deletes the current deck but keeps its versions', async () => {
      const store = createDeckStore(await makeObjects());
      const v1 = makePublication('gone', 'bye');
      await store.publishDeck(v1);
      await store.publishDeck(makePublication('kept', 'stays'));
      expect(await store.deleteDeck('gone')).toBe(true);
      expect(await store.getDeck('gone')).toBeUndefined();
      expect(await store.readDeckFile('gone', 'index.html')).toBeUndefined();
      expect(await store.readDeckFile('gone', 'handout.html')).toBeUndefined();
      expect(textOf(await store.readDeckFile('gone', 'index.html', v1.manifest.version))).toBe(
        v1.versioned['index.html'],
      );
      expect((await store.listDecks()).map((deck) => deck.id)).toEqual(['kept']);
      expect(await store.deleteDeck('gone')).toBe(false);
    });

    it('refuses keys that would leave the store', async () => {
      const store = createDeckStore(await makeObjects());
      await expect(store.readDeckFile('..', 'index.html')).rejects.toBeInstanceOf(StorageError);
      await expect(store.readDeckFile('x', '../../etc/passwd')).rejects.toBeInstanceOf(StorageError);
      await expect(store.readDeckFile('x', 'index.html', '../..')).rejects.toBeInstanceOf(StorageError);
    });

    // A publish of v2 makes 6 writes (3 versioned, 2 current pages, the pointer): fail each one in turn.
    for (let failAt = 1; failAt <= 6; failAt += 1) {
      it(`leaves the previous version serving when write ${failAt} of a publish fails`, async () => {
        const objects = await makeObjects();
        const v1 = makePublication('fragile', 'version one');
        const v2 = makePublication('fragile', 'version two');
        await createDeckStore(objects).publishDeck(v1);

        const failing = createDeckStore(failingPut(objects, failAt));
        await expect(failing.publishDeck(v2)).rejects.toBeInstanceOf(StorageError);

        const store = createDeckStore(objects);
        expect((await store.getDeck('fragile'))?.version).toBe(v1.manifest.version);
        expect(textOf(await store.readDeckFile('fragile', 'index.html'))).toBe(v1.current['index.html']);
        expect(textOf(await store.readDeckFile('fragile', 'handout.html'))).toBe(v1.current['handout.html']);

        // The same publish succeeds once storage works again.
        expect((await store.publishDeck(v2)).created).toBe(true);
        expect(textOf(await store.readDeckFile('fragile', 'index.html'))).toBe(v2.current['index.html']);
      });
    }

    it('leaves no visible deck when the first publish of an id fails part-way', async () => {
      const objects = await makeObjects();
      const failing = createDeckStore(failingPut(objects, 5));
      await expect(failing.publishDeck(makePublication('never', 'x'))).rejects.toBeInstanceOf(StorageError);
      const store = createDeckStore(objects);
      expect(await store.getDeck('never')).toBeUndefined();
      expect(await store.listDecks()).toEqual([]);
      expect(await store.readDeckFile('never', 'index.html')).toBeUndefined();
    });
  });
}
