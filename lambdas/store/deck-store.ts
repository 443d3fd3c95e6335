import type { DeckManifest } from '../core/deck.js';
import { readManifest } from '../core/manifest.js';
import {
  CACHE,
  DEFAULT_DECKS_PREFIX,
  deckKey as deckKeyIn,
  versionKey as versionKeyIn,
} from '../site/layout.js';
import { contentTypeFor } from './content-type.js';
import { StorageError } from './errors.js';
import { createKeyedLock } from './keyed-lock.js';
import type { ObjectStore, StoredObject } from './object-store.js';

/**
 * Decks on top of an object store. Layout under the prefix (default `decks/`):
 *   {id}/v/{version}/…   immutable, content-addressed copy of every version (its own assetsBase)
 *   {id}/index.html …    the current version's pages, where the site serves /decks/{id}/
 *   {id}/deck.json       the pointer: names the current version and is written last
 * A reader that finds deck.json naming a version therefore finds that version's files.
 */

/** What the API hands the store: one rendering per place the deck is served from. */
export interface DeckPublication {
  manifest: DeckManifest;
  /** Rendered for /decks/{id}/ (assetsBase `../../assets/`); includes deck.json. */
  current: Readonly<Record<string, string>>;
  /** Rendered for /decks/{id}/v/{version}/ (assetsBase `../../../../assets/`). */
  versioned: Readonly<Record<string, string>>;
}

export interface PublishResult {
  /** False when the deck already stood at this exact version: nothing was written. */
  created: boolean;
  manifest: DeckManifest;
}

export interface DeckStore {
  publishDeck(publication: DeckPublication): Promise<PublishResult>;
  getDeck(id: string): Promise<DeckManifest | undefined>;
  listDecks(): Promise<DeckManifest[]>;
  /** Remove the current pointer and pages; returns false when there was no such deck. Versions stay. */
  deleteDeck(id: string): Promise<boolean>;
  /** A file of the current deck, or of one stored version when `version` is given. */
  readDeckFile(id: string, name: string, version?: string): Promise<StoredObject | undefined>;
}

const POINTER = 'deck.json';
/** Pages copied beside the pointer; deleting a deck removes these and the pointer. */
const CURRENT_PAGES = ['index.html', 'handout.html'] as const;
const IMMUTABLE = CACHE.immutable;
const REVALIDATE = CACHE.revalidate;
const LIST_CONCURRENCY = 16;

/**
 * A deck.json that was read but is not a manifest (not JSON, or not an object naming an id and a
 * version): a fault of that one deck, which a listing skips, not of the storage as a whole.
 */
class MalformedPointerError extends StorageError {}

function parseManifest(id: string, body: Uint8Array): DeckManifest {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(body).toString('utf8'));
  } catch (error) {
    throw new MalformedPointerError(`The stored deck.json of "${id}" is not readable`, { cause: error });
  }
  const manifest = readManifest(value);
  if (!manifest) throw new MalformedPointerError(`The stored deck.json of "${id}" is not a deck manifest`);
  return manifest;
}

export interface DeckStoreOptions {
  prefix?: string;
}

/** A deck store over any object store backing. */
export function createDeckStore(objects: ObjectStore, options: DeckStoreOptions = {}): DeckStore {
  const prefix = options.prefix ?? DEFAULT_DECKS_PREFIX;
  // Publishes and deletes of one deck run one at a time in this process, so the current pages
  // and the pointer of two racing publishes cannot interleave.
  const lock = createKeyedLock();

  const deckKey = (id: string, name: string) => deckKeyIn(prefix, id, name);
  const versionKey = (id: string, version: string, name: string) => versionKeyIn(prefix, id, version, name);

  const readManifest = async (id: string): Promise<DeckManifest | undefined> => {
    const object = await objects.get(deckKey(id, POINTER));
    return object ? parseManifest(id, object.body) : undefined;
  };

  // For a listing: a deck whose pointer is malformed is left out so the others still list.
  // Any other failure (the storage itself) still fails the whole listing.
  const readListedManifest = (id: string): Promise<DeckManifest | undefined> =>
    readManifest(id).catch((error: unknown) => {
      if (error instanceof MalformedPointerError) return undefined;
      throw error;
    });

  // Waits for every write to settle before failing, so nothing is still in flight when a restore runs.
  const putAll = async (entries: [string, string][], cacheControl: string): Promise<void> => {
    const results = await Promise.allSettled(
      entries.map(([key, body]) =>
        objects.put(key, body, { contentType: contentTypeFor(key), cacheControl }),
      ),
    );
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  };

  const publishOnce = async ({ manifest, current, versioned }: DeckPublication): Promise<PublishResult> => {
    const { id, version } = manifest;
    const previous = await readManifest(id);
    if (previous?.version === version) return { created: false, manifest: previous };

    const pointer = current[POINTER] ?? `${JSON.stringify(manifest, null, 2)}\n`;
    const pages = Object.entries(current).filter(([name]) => name !== POINTER);

    // 1. The immutable version, complete, before anything points at it.
    await putAll(
      Object.entries({ ...versioned, [POINTER]: versioned[POINTER] ?? pointer }).map(([name, body]) => [
        versionKey(id, version, name),
        body,
      ]),
      IMMUTABLE,
    );

    // 2. The current pages. Keep the previous ones in memory so a failure here can put them back.
    // With no previous version there is nothing to keep: restoring then means removing what was added.
    const before = previous
      ? await Promise.all(pages.map(async ([name]) => [name, await objects.get(deckKey(id, name))] as const))
      : pages.map(([name]) => [name, undefined] as const);
    try {
      await putAll(
        pages.map(([name, body]) => [deckKey(id, name), body]),
        REVALIDATE,
      );
    } catch (error) {
      await restorePages(objects, before, (name) => deckKey(id, name));
      throw error;
    }

    // 3. The pointer, last: from here on readers see the new version.
    try {
      await objects.put(deckKey(id, POINTER), pointer, {
        contentType: contentTypeFor(POINTER),
        cacheControl: REVALIDATE,
      });
    } catch (error) {
      await restorePages(objects, before, (name) => deckKey(id, name));
      throw error;
    }
    return { created: true, manifest };
  };

  return {
    publishDeck: (publication) => lock.run(publication.manifest.id, () => publishOnce(publication)),

    getDeck: (id) => readManifest(id),

    async listDecks(): Promise<DeckManifest[]> {
      const ids = await objects.listChildren(prefix);
      const found: DeckManifest[] = [];
      for (let start = 0; start < ids.length; start += LIST_CONCURRENCY) {
        const batch = await Promise.all(ids.slice(start, start + LIST_CONCURRENCY).map(readListedManifest));
        for (const manifest of batch) if (manifest) found.push(manifest);
      }
      return found.sort((a, b) => a.id.localeCompare(b.id));
    },

    deleteDeck: (id) =>
      lock.run(id, async () => {
        if (!(await readManifest(id))) return false;
        // Pointer first: once it is gone the deck is gone from every listing, whatever happens next.
        await objects.delete(deckKey(id, POINTER));
        await Promise.all(CURRENT_PAGES.map((name) => objects.delete(deckKey(id, name))));
        return true;
      }),

    readDeckFile: (id, name, version) =>
      objects.get(version ? versionKey(id, version, name) : deckKey(id, name)),
  };
}

/** Best effort: put back the pages a failed publish may have overwritten (or remove ones it added). */
async function restorePages(
  objects: ObjectStore,
  before: readonly (readonly [string, StoredObject | undefined])[],
  keyOf: (name: string) => string,
): Promise<void> {
  await Promise.allSettled(
    before.map(([name, object]) =>
      object
        ? objects.put(keyOf(name), object.body, { contentType: object.contentType, cacheControl: REVALIDATE })
        : objects.delete(keyOf(name)),
    ),
  );
}
