import { describe, expect, it } from 'vitest';
import { createDeckStore } from '../../../lambdas/store/deck-store.js';
import {
  ForbiddenError,
  PreconditionFailedError,
  StorageError,
  VersionNotFoundError,
} from '../../../lambdas/store/errors.js';
import type { ObjectStore } from '../../../lambdas/store/object-store.js';
import { ADA, ADMIN, BEN, makePublication, textOf } from './deck-fixture.js';
import { countingWrites, overlappingCalls } from './faulty-store.js';

/** A fresh, empty object store of one backing (each call gets its own key space). */
export type ObjectStoreFactory = () => Promise<ObjectStore>;

export interface BackingTraits {
  /** Whether the backing honours If-None-Match / If-Match (s3rver does not: it overwrites). */
  enforcesPreconditions: boolean;
}

const JSON_PUT = { contentType: 'application/json' };

/** One behaviour for every backing: the same suite runs against disk, S3 (s3rver) and the enforcing memory store. */
export function describeDeckStoreContract(
  backing: string,
  makeObjects: ObjectStoreFactory,
  traits: BackingTraits,
): void {
  describe(`deck store contract: ${backing}`, () => {
    it('starts empty', async () => {
      const store = createDeckStore(await makeObjects());
      expect(await store.listDecks()).toEqual([]);
      expect(await store.getDeck('nothing')).toBeUndefined();
      expect(await store.currentVersion('nothing')).toBeUndefined();
      expect(await store.listVersions('nothing')).toBeUndefined();
      expect(await store.readVersionFile('nothing', 'abc', 'index.html')).toBeUndefined();
      expect(await store.deleteDeck('nothing', ADMIN)).toBe(false);
    });

    it('publishes a version whole, owned by its first publisher, with one history entry', async () => {
      const store = createDeckStore(await makeObjects());
      const first = makePublication('cold-war', 'Stalin, Mao — 毛泽东, Сталин');
      expect(await store.publishDeck(first, ADA)).toEqual({
        created: true,
        written: true,
        manifest: first.manifest,
      });
      const { version } = first.manifest;
      expect(await store.currentVersion('cold-war')).toBe(version);
      expect(await store.getDeck('cold-war')).toEqual({
        ...first.manifest,
        owner: { id: ADA.id, name: ADA.name },
      });
      for (const name of ['index.html', 'handout.html', 'deck.json']) {
        const file = await store.readVersionFile('cold-war', version, name);
        expect(textOf(file), name).toBe(first.files[name]);
      }
      expect((await store.readVersionFile('cold-war', version, 'index.html'))?.contentType).toMatch(
        /^text\/html/,
      );
      const versions = await store.listVersions('cold-war');
      expect(versions).toEqual([
        expect.objectContaining({
          version,
          publishedBy: ADA.name,
          slides: 3,
          current: true,
          action: 'publish',
        }),
      ]);
    });

    it('answers "not created" for the version it already holds, keeping the first manifest', async () => {
      const store = createDeckStore(await makeObjects());
      await store.publishDeck(makePublication('same', 'one', '2026-11-25T08:00:00.000Z'), ADA);
      const result = await store.publishDeck(makePublication('same', 'one', '2026-11-25T09:00:00.000Z'), ADA);
      expect(result.created).toBe(false);
      expect(result.manifest.generatedAt).toBe('2026-11-25T08:00:00.000Z');
      expect(await store.listVersions('same')).toHaveLength(1);
    });

    it('goes back to a stored version without writing its files again', async () => {
      const objects = await makeObjects();
      const v1 = makePublication('back', 'first text');
      const v2 = makePublication('back', 'second text');
      await createDeckStore(objects).publishDeck(v1, ADA);
      await createDeckStore(objects).publishDeck(v2, ADA);
      const counting = countingWrites(objects);
      const result = await createDeckStore(counting).publishDeck(v1, ADA);
      expect(result).toEqual({ created: true, written: false, manifest: v1.manifest });
      // The pointer and the history entries; no file of the version.
      expect(counting.written.filter((key) => key.includes('/v/'))).toEqual([]);
      expect(counting.written.length).toBeGreaterThan(0);
      const store = createDeckStore(objects);
      expect(await store.currentVersion('back')).toBe(v1.manifest.version);
      for (const [name, body] of Object.entries(v1.files)) {
        expect(textOf(await store.readVersionFile('back', v1.manifest.version, name)), name).toBe(body);
      }
      expect((await store.listVersions('back'))?.map((v) => v.version)).toEqual([
        v1.manifest.version,
        v2.manifest.version,
        v1.manifest.version,
      ]);
    });

    it('writes each history entry once from one store, and a store that missed one writes it later', async () => {
      const objects = await makeObjects();
      const counting = countingWrites(objects);
      const store = createDeckStore(counting);
      const publications = ['one', 'two', 'three'].map((text) => makePublication('entries', text));
      for (const publication of publications) await store.publishDeck(publication, ADA);
      const history = counting.written.filter((key) => key.includes('/history/'));
      expect(history).toHaveLength(3);
      expect(new Set(history).size).toBe(3);
      // Another store (another process) does not know the last entry was written: it writes it again, harmlessly.
      const other = countingWrites(objects);
      await createDeckStore(other).publishDeck(makePublication('entries', 'four'), ADA);
      expect(other.written.filter((key) => key.includes('/history/'))).toEqual([
        history[2],
        expect.any(String),
      ]);
      expect((await store.listVersions('entries'))?.map((v) => v.version)).toHaveLength(4);
    });

    it('makes side by side the calls of a publish that do not wait on each other, and keeps the order of those that do', async () => {
      const objects = await makeObjects();
      await createDeckStore(objects).publishDeck(makePublication('overlap', 'one'), ADA);
      // Another store (another process): it has not written the first entry itself, so it writes it again.
      const { store: slow, overlapped } = overlappingCalls(objects);
      const second = makePublication('overlap', 'two');
      const v2 = second.manifest.version;
      expect(await createDeckStore(slow).publishDeck(second, ADA)).toMatchObject({
        created: true,
        written: true,
      });
      const pointer = /^get .*overlap\/pointer\.json$/;
      const manifestRead = new RegExp(`^get .*/v/${v2}/deck\\.json$`);
      const pages = new RegExp(`^put .*/v/${v2}/(index|handout)\\.html$`);
      const firstEntry = new RegExp(
        `^put .*/history/.*-${makePublication('overlap', 'one').manifest.version}\\.json$`,
      );
      // The owner check and whether the version is stored: two reads, side by side.
      expect(overlapped(pointer, manifestRead)).toBe(true);
      // The entry the pointer leaves is stored alongside the version's pages,
      expect(overlapped(firstEntry, pages)).toBe(true);
      // but deck.json still comes after the pages, and the pointer after all of them.
      expect(overlapped(pages, /^put .*\/v\/.*\/deck\.json$/)).toBe(false);
      expect(overlapped(/^put .*pointer\.json$/, pages)).toBe(false);
      expect(overlapped(/^put .*pointer\.json$/, firstEntry)).toBe(false);
      expect(await createDeckStore(objects).currentVersion('overlap')).toBe(v2);
      expect((await createDeckStore(objects).listVersions('overlap'))?.map((v) => v.current)).toEqual([
        true,
        false,
      ]);
    });

    it('writes again a version whose deck.json never got written', async () => {
      const objects = await makeObjects();
      const v1 = makePublication('torn', 'first text');
      const { version } = v1.manifest;
      // What a publish stopped before its last write leaves: every file but deck.json.
      await objects.put(`decks/torn/v/${version}/index.html`, v1.files['index.html'] ?? '', {
        contentType: 'text/html; charset=utf-8',
      });
      const result = await createDeckStore(objects).publishDeck(v1, ADA);
      expect(result).toMatchObject({ created: true, written: true });
      const store = createDeckStore(objects);
      for (const [name, body] of Object.entries(v1.files)) {
        expect(textOf(await store.readVersionFile('torn', version, name)), name).toBe(body);
      }
    });

    it('adds a stored version’s exports, and nothing else', async () => {
      const store = createDeckStore(await makeObjects());
      const publication = makePublication('later', 'one', '2026-11-25T08:00:00.000Z');
      const { version } = publication.manifest;
      await expect(
        store.addVersionExports('later', version, { 'deck.pptx': new Uint8Array([80, 75]) }),
      ).rejects.toThrow(/later/);
      await store.publishDeck(publication, ADA);
      expect(await store.listVersionFiles('later', version)).not.toContain('deck.pptx');
      await store.addVersionExports('later', version, { 'deck.pptx': new Uint8Array([80, 75, 3, 4]) });
      // Made again (a retried publish), the same file is no error.
      await store.addVersionExports('later', version, { 'deck.pptx': new Uint8Array([80, 75, 3, 4]) });
      const stored = await store.readVersionFile('later', version, 'deck.pptx');
      expect([...(stored?.body ?? [])]).toEqual([80, 75, 3, 4]);
      expect(stored?.contentType).toBe(
        'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      );
      expect(await store.listVersionFiles('later', version)).toEqual(
        expect.arrayContaining(['deck.json', 'deck.pptx']),
      );
      await expect(store.addVersionExports('later', version, { 'index.html': 'changed' })).rejects.toThrow(
        /index\.html/,
      );
    });

    it('moves forward, keeps the old version readable, and lists history newest first', async () => {
      let tick = 0;
      const clock = () => new Date(Date.UTC(2026, 11, 1, 9, 0, tick++));
      const store = createDeckStore(await makeObjects(), { clock });
      const v1 = makePublication('moving', 'first text');
      const v2 = makePublication('moving', 'second text');
      await store.publishDeck(v1, ADA);
      expect((await store.publishDeck(v2, ADA)).created).toBe(true);
      expect(await store.currentVersion('moving')).toBe(v2.manifest.version);
      expect(textOf(await store.readVersionFile('moving', v1.manifest.version, 'index.html'))).toBe(
        v1.files['index.html'],
      );
      const versions = await store.listVersions('moving');
      expect(versions?.map((v) => [v.version, v.current])).toEqual([
        [v2.manifest.version, true],
        [v1.manifest.version, false],
      ]);
    });

    it('lists every current deck by id with its owner', async () => {
      const store = createDeckStore(await makeObjects());
      await store.publishDeck(makePublication('b-deck', 'b'), BEN);
      await store.publishDeck(makePublication('a-deck', 'a'), ADA);
      const listed = await store.listDecks();
      expect(listed.map((deck) => [deck.id, deck.owner.name])).toEqual([
        ['a-deck', ADA.name],
        ['b-deck', BEN.name],
      ]);
    });

    it('lists the other decks when one pointer is malformed, and refuses to read that one', async () => {
      const objects = await makeObjects();
      const store = createDeckStore(objects);
      await store.publishDeck(makePublication('a-good', 'a'), ADA);
      await store.publishDeck(makePublication('z-good', 'z'), ADA);
      for (const [id, text] of [
        ['corrupt', '{bad'],
        ['nulled', 'null'],
        ['listy', '[1]'],
        ['no-owner', '{"id": "no-owner"}'],
      ]) {
        await objects.put(`decks/${id}/pointer.json`, text ?? '', JSON_PUT);
      }
      expect((await store.listDecks()).map((deck) => deck.id)).toEqual(['a-good', 'z-good']);
      for (const id of ['corrupt', 'nulled', 'listy', 'no-owner']) {
        await expect(store.getDeck(id), id).rejects.toBeInstanceOf(StorageError);
      }
    });

    it('still fails the whole listing when the storage itself fails', async () => {
      const objects = await makeObjects();
      await createDeckStore(objects).publishDeck(makePublication('a-good', 'a'), ADA);
      await createDeckStore(objects).publishDeck(makePublication('b-down', 'b'), ADA);
      const down = new StorageError('injected: storage unreachable');
      const failingGet = createDeckStore({
        ...objects,
        get: (key) => (key.includes('b-down') ? Promise.reject(down) : objects.get(key)),
      });
      await expect(failingGet.listDecks()).rejects.toBe(down);
      await expect(
        createDeckStore({ ...objects, listChildren: () => Promise.reject(down) }).listDecks(),
      ).rejects.toBe(down);
    });

    it('deletes a deck from the site but keeps its versions, history and owner', async () => {
      const store = createDeckStore(await makeObjects());
      const v1 = makePublication('gone', 'bye');
      await store.publishDeck(v1, ADA);
      await store.publishDeck(makePublication('kept', 'stays'), ADA);
      expect(await store.deleteDeck('gone', ADA)).toBe(true);
      expect(await store.getDeck('gone')).toBeUndefined();
      expect(await store.currentVersion('gone')).toBeUndefined();
      expect((await store.listDecks()).map((deck) => deck.id)).toEqual(['kept']);
      expect(textOf(await store.readVersionFile('gone', v1.manifest.version, 'index.html'))).toBe(
        v1.files['index.html'],
      );
      expect((await store.listVersions('gone'))?.map((v) => [v.version, v.current])).toEqual([
        [v1.manifest.version, false],
      ]);
      expect(await store.deleteDeck('gone', ADA)).toBe(false);
      // Still Ada's: Ben cannot take the id, and Ada can bring the deck back.
      await expect(store.publishDeck(makePublication('gone', 'squat'), BEN)).rejects.toBeInstanceOf(
        ForbiddenError,
      );
      await store.restoreDeck('gone', v1.manifest.version, ADA);
      expect(await store.currentVersion('gone')).toBe(v1.manifest.version);
    });

    it('lets only the owner or an administrator change a deck; a refusal writes nothing', async () => {
      const objects = await makeObjects();
      const store = createDeckStore(objects);
      const v1 = makePublication('owned', 'by ada');
      await store.publishDeck(v1, ADA);
      const before = await objects.listKeys('decks/owned/history/');
      const intruder = makePublication('owned', 'by ben');
      await expect(store.publishDeck(intruder, BEN)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(store.deleteDeck('owned', BEN)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(store.restoreDeck('owned', v1.manifest.version, BEN)).rejects.toBeInstanceOf(
        ForbiddenError,
      );
      expect(await store.readVersionFile('owned', intruder.manifest.version, 'index.html')).toBeUndefined();
      expect(await objects.listKeys('decks/owned/history/')).toEqual(before);
      expect(await store.getDeck('owned')).toEqual({ ...v1.manifest, owner: { id: ADA.id, name: ADA.name } });

      const byAdmin = makePublication('owned', 'fixed by the administrator');
      expect((await store.publishDeck(byAdmin, ADMIN)).created).toBe(true);
      expect((await store.getDeck('owned'))?.owner.id).toBe(ADA.id);
      expect((await store.listVersions('owned'))?.[0]?.publishedBy).toBe(ADMIN.name);
    });

    it('restores a stored version as a new history entry; an unknown version changes nothing', async () => {
      let tick = 0;
      const clock = () => new Date(Date.UTC(2026, 11, 1, 9, 0, tick++));
      const store = createDeckStore(await makeObjects(), { clock });
      const v1 = makePublication('undo', 'one');
      const v2 = makePublication('undo', 'two');
      await store.publishDeck(v1, ADA);
      await store.publishDeck(v2, ADA);
      await expect(store.restoreDeck('undo', 'ffffffffffffffff', ADA)).rejects.toBeInstanceOf(
        VersionNotFoundError,
      );
      expect(await store.currentVersion('undo')).toBe(v2.manifest.version);
      expect((await store.restoreDeck('undo', v1.manifest.version, ADA)).created).toBe(true);
      expect(await store.currentVersion('undo')).toBe(v1.manifest.version);
      const versions = await store.listVersions('undo');
      expect(versions?.map((v) => [v.version, v.action, v.current])).toEqual([
        [v1.manifest.version, 'restore', true],
        [v2.manifest.version, 'publish', false],
        [v1.manifest.version, 'publish', false],
      ]);
    });

    it('refuses keys that would leave the store', async () => {
      const store = createDeckStore(await makeObjects());
      await expect(store.readVersionFile('..', 'abc', 'index.html')).rejects.toBeInstanceOf(StorageError);
      await expect(store.readVersionFile('x', 'abc', '../../etc/passwd')).rejects.toBeInstanceOf(
        StorageError,
      );
      await expect(store.readVersionFile('x', '../..', 'index.html')).rejects.toBeInstanceOf(StorageError);
    });

    if (!traits.enforcesPreconditions) {
      // Recorded rather than skipped: on this backing the race tests prove less, and the README says so.
      it('ignores If-None-Match (a known gap of this backing: a create overwrites)', async () => {
        const objects = await makeObjects();
        await objects.put('decks/x/pointer.json', '{"n":1}', { ...JSON_PUT, ifNoneMatch: '*' });
        await objects.put('decks/x/pointer.json', '{"n":2}', { ...JSON_PUT, ifNoneMatch: '*' });
        expect(textOf(await objects.get('decks/x/pointer.json'))).toBe('{"n":2}');
      });
    }

    if (traits.enforcesPreconditions)
      describe('conditional writes', () => {
        it('creates only when absent and swaps only on the etag it read', async () => {
          const objects = await makeObjects();
          await objects.put('decks/x/pointer.json', '{"n":1}', { ...JSON_PUT, ifNoneMatch: '*' });
          await expect(
            objects.put('decks/x/pointer.json', '{"n":2}', { ...JSON_PUT, ifNoneMatch: '*' }),
          ).rejects.toBeInstanceOf(PreconditionFailedError);
          const read = await objects.get('decks/x/pointer.json');
          await objects.put('decks/x/pointer.json', '{"n":3}', { ...JSON_PUT, ifMatch: read?.etag ?? '' });
          await expect(
            objects.put('decks/x/pointer.json', '{"n":4}', { ...JSON_PUT, ifMatch: read?.etag ?? '' }),
          ).rejects.toBeInstanceOf(PreconditionFailedError);
          expect(textOf(await objects.get('decks/x/pointer.json'))).toBe('{"n":3}');
        });
      });
  });
}
