import { setTimeout as sleep } from 'node:timers/promises';
import type { DeckManifest } from '../core/deck.js';
import { readManifest } from '../core/manifest.js';
import { contentTypeFor } from '../site/content-type.js';
import {
  CACHE,
  DECK_FILES,
  DEFAULT_DECKS_PREFIX,
  deckFileDisposition,
  deckKey,
  pointerKey,
  versionKey,
} from '../site/layout.js';
import { createDeckHistory, type VersionInfo } from './deck-history.js';
import { ForbiddenError, PreconditionFailedError, StorageError, VersionNotFoundError } from './errors.js';
import { createKeyedLock } from './keyed-lock.js';
import type { ObjectStore, StoredObject } from './object-store.js';
import {
  type Actor,
  decidePointer,
  type Owner,
  type Pointer,
  type PointerChange,
  parsePointer,
} from './pointer.js';

/**
 * Decks on top of an object store. Layout under the prefix (default `decks/`):
 *   {id}/v/{version}/…             every version, written once and never changed (deck.json last)
 *   {id}/pointer.json              the only object that changes: current version, owner, deleted or not
 *   {id}/history/{time}-{version}.json   one immutable object per publish or restore
 * A version becomes current only when the pointer names it, and the pointer is written only after
 * every file of the version is stored; so a failure at any write leaves the old version or the new one,
 * whole. The pointer moves by conditional writes (create if absent, swap if unchanged), so two
 * processes racing on one deck each decide on the latest pointer.
 */

export type { VersionInfo } from './deck-history.js';
export type { Actor, Owner } from './pointer.js';

/** What the API hands the store: the deck rendered for /decks/{id}/v/{version}/, deck.json included. */
export interface DeckPublication {
  manifest: DeckManifest;
  files: Readonly<Record<string, string | Uint8Array>>;
}

/** The files a version may gain after it is stored: made from it, costly to make, never needed to present it. */
export const EXPORT_FILES: readonly string[] = [DECK_FILES.pptx, DECK_FILES.singleFile];

/** A current deck: its manifest and its owner. */
export type StoredDeck = DeckManifest & { owner: Owner };

export interface PublishResult {
  /** False when the deck already stood at this exact version: nothing was written. */
  created: boolean;
  /**
   * True when this publish stored the version's files; false when they were stored already (the deck
   * stood at this version before, or an earlier publish of it was interrupted after its deck.json).
   */
  written: boolean;
  manifest: DeckManifest;
}

export interface DeckStore {
  /** Store a version and make it current; ForbiddenError when the deck is someone else's. */
  publishDeck(publication: DeckPublication, actor: Actor): Promise<PublishResult>;
  /** Make a stored version current again, as a new history entry; VersionNotFoundError, ForbiddenError. */
  restoreDeck(id: string, version: string, actor: Actor): Promise<PublishResult>;
  /** The deck stops being listed and served; its versions and history stay. False when there was none. */
  deleteDeck(id: string, actor: Actor): Promise<boolean>;
  getDeck(id: string): Promise<StoredDeck | undefined>;
  listDecks(): Promise<StoredDeck[]>;
  /** Newest first; undefined when the id was never published. */
  listVersions(id: string): Promise<VersionInfo[] | undefined>;
  /** The version /decks/{id}/ stands for now, if the deck exists. */
  currentVersion(id: string): Promise<string | undefined>;
  /** A file of one stored version. */
  readVersionFile(id: string, version: string, name: string): Promise<StoredObject | undefined>;
  /** The names of one stored version's files. */
  listVersionFiles(id: string, version: string): Promise<string[]>;
  /**
   * Add a stored version's exports (EXPORT_FILES only), each written once: a version is whole
   * without them, so they come after its deck.json, and a file already there is kept.
   */
  addVersionExports(
    id: string,
    version: string,
    files: Readonly<Record<string, string | Uint8Array>>,
  ): Promise<void>;
}

export interface DeckStoreOptions {
  prefix?: string;
  clock?: () => Date;
}

const MAX_ATTEMPTS = 8;
const LIST_CONCURRENCY = 16;
const POINTER_TYPE = 'application/json; charset=utf-8';

/** A pointer that was read but is not one: a fault of that deck, which a listing skips. */
class MalformedPointerError extends StorageError {}

interface PointerRead {
  pointer: Pointer;
  /** Absent for a pointer reconstructed from the layout before pointers existed. */
  etag?: string;
}

/** A deck store over any object store backing. */
export function createDeckStore(objects: ObjectStore, options: DeckStoreOptions = {}): DeckStore {
  const prefix = options.prefix ?? DEFAULT_DECKS_PREFIX;
  const clock = options.clock ?? (() => new Date());
  const history = createDeckHistory(objects, prefix);
  // Within one process, changes to one deck queue up instead of racing into 412 retries.
  const lock = createKeyedLock();

  const readPointer = async (id: string): Promise<PointerRead | undefined> => {
    const object = await objects.get(pointerKey(prefix, id));
    if (!object) return readLegacyPointer(id);
    const pointer = parsePointer(Buffer.from(object.body).toString('utf8'));
    if (!pointer) throw new MalformedPointerError(`The stored pointer of "${id}" is not readable`);
    return { pointer, etag: object.etag };
  };

  // Stores written before pointers kept the current manifest at {id}/deck.json: read it as a pointer
  // owned by no instructor (administrators may change it), so no deck vanishes with the new layout.
  const readLegacyPointer = async (id: string): Promise<PointerRead | undefined> => {
    const object = await objects.get(deckKey(prefix, id, DECK_FILES.manifest));
    const manifest = object && parseManifest(Buffer.from(object.body).toString('utf8'));
    if (!manifest || manifest.id !== id) return undefined;
    const owner = { id: '', name: 'an earlier Lectern' };
    return { pointer: { id, owner, manifest, entry: null, updatedAt: manifest.generatedAt } };
  };

  const readManifestOf = async (id: string, version: string): Promise<DeckManifest | undefined> => {
    const object = await objects.get(versionKey(prefix, id, version, DECK_FILES.manifest));
    return object ? parseManifest(Buffer.from(object.body).toString('utf8')) : undefined;
  };

  /** Write one file of a version, once: already there, it is the same bytes whoever wrote it first. */
  const putVersionFile = async (id: string, version: string, name: string, body: string | Uint8Array) => {
    try {
      const disposition = deckFileDisposition(id, name);
      await objects.put(versionKey(prefix, id, version, name), body, {
        contentType: contentTypeFor(name),
        cacheControl: CACHE.immutable,
        ...(disposition && { contentDisposition: disposition }),
        ifNoneMatch: '*',
      });
    } catch (error) {
      if (!(error instanceof PreconditionFailedError)) throw error;
    }
  };

  /**
   * Whether a version is stored whole: its deck.json is written last, so a version found with it (the
   * deck going back to an earlier version) is not written again.
   */
  const versionStored = async (id: string, version: string): Promise<boolean> =>
    (await objects.get(versionKey(prefix, id, version, DECK_FILES.manifest))) !== undefined;

  /** Write a version's files once each, deck.json last. */
  const writeVersion = async ({ manifest, files }: DeckPublication): Promise<void> => {
    const { id, version } = manifest;
    const put = (name: string, body: string | Uint8Array) => putVersionFile(id, version, name, body);
    const manifestFile = files[DECK_FILES.manifest] ?? `${JSON.stringify(manifest, null, 2)}\n`;
    await settleAll(
      Object.entries(files)
        .filter(([name]) => name !== DECK_FILES.manifest)
        .map(([name, body]) => put(name, body)),
    );
    await put(DECK_FILES.manifest, manifestFile);
  };

  /**
   * Read, decide, write on condition of that read; on a conflict, again from a fresh read. `first`:
   * a read the caller already made, used for the first attempt (a stale one fails its condition).
   */
  const movePointer = async (
    id: string,
    change: PointerChange,
    actor: Actor,
    first?: { read: PointerRead | undefined },
  ) => {
    for (let attempt = 1; ; attempt += 1) {
      const read = attempt === 1 && first ? first.read : await readPointer(id);
      const decision = decidePointer(read?.pointer, change, actor);
      if (decision.kind === 'forbidden') throw forbidden(id, decision.owner);
      if (decision.kind !== 'write') return decision;
      if (read?.pointer.entry) await history.record(id, read.pointer.entry);
      try {
        await objects.put(pointerKey(prefix, id), `${JSON.stringify(decision.pointer, null, 2)}\n`, {
          contentType: POINTER_TYPE,
          cacheControl: CACHE.revalidate,
          ...(read?.etag ? { ifMatch: read.etag } : { ifNoneMatch: '*' }),
        });
      } catch (error) {
        if (!(error instanceof PreconditionFailedError) || attempt >= MAX_ATTEMPTS) throw error;
        // The caller's read may only have gone stale: read again at once. A conflict on a fresh read waits.
        if (!(attempt === 1 && first)) await sleep(Math.random() * 20 * attempt);
        continue;
      }
      // The change stands from here on; its entry is also in the pointer, so a failure is repaired later.
      const { entry } = decision.pointer;
      if (entry) await history.record(id, entry).catch(() => undefined);
      return decision;
    }
  };

  const checkAllowed = async (id: string, actor: Actor): Promise<PointerRead | undefined> => {
    const read = await readPointer(id);
    if (read && read.pointer.owner.id !== actor.id && !actor.admin) throw forbidden(id, read.pointer.owner);
    return read;
  };

  const readStoredDeck = async (id: string): Promise<StoredDeck | undefined> => {
    const read = await readPointer(id);
    return read?.pointer.manifest ? { ...read.pointer.manifest, owner: read.pointer.owner } : undefined;
  };

  return {
    publishDeck: (publication, actor) =>
      lock.run(publication.manifest.id, async () => {
        const { manifest } = publication;
        const { id, version } = manifest;
        // Refuse, or answer "already current", before writing anything. The two reads do not wait
        // for each other (deployed, each is a round trip to S3).
        const [before, stored] = await both(checkAllowed(id, actor), versionStored(id, version));
        const current = before?.pointer.manifest;
        if (current?.version === version) return { created: false, written: false, manifest: current };
        // The entry of the state the pointer leaves must be stored before it moves (movePointer then
        // finds it written); it need not wait for the version's files, nor they for it.
        const previous = before?.pointer.entry;
        await both(
          stored ? Promise.resolve() : writeVersion(publication),
          previous ? history.record(id, previous) : Promise.resolve(),
        );
        const written = !stored;
        const at = clock().toISOString();
        const decision = await movePointer(id, { kind: 'publish', manifest, at }, actor, { read: before });
        const now = decision.kind === 'missing' ? manifest : (decision.pointer.manifest ?? manifest);
        return { created: decision.kind === 'write', written, manifest: now };
      }),

    restoreDeck: (id, version, actor) =>
      lock.run(id, async () => {
        const [before, manifest] = await both(checkAllowed(id, actor), readManifestOf(id, version));
        if (!manifest || manifest.id !== id) throw new VersionNotFoundError(id, version);
        const decision = await movePointer(
          id,
          { kind: 'restore', manifest, at: clock().toISOString() },
          actor,
          { read: before },
        );
        return { created: decision.kind === 'write', written: false, manifest };
      }),

    deleteDeck: (id, actor) =>
      lock.run(id, async () => {
        const decision = await movePointer(id, { kind: 'delete', at: clock().toISOString() }, actor);
        return decision.kind === 'write';
      }),

    getDeck: readStoredDeck,

    async listDecks(): Promise<StoredDeck[]> {
      const ids = await objects.listChildren(prefix);
      const found: StoredDeck[] = [];
      const readListed = (id: string) =>
        readStoredDeck(id).catch((error: unknown) => {
          // One unreadable pointer leaves that deck out; storage failing fails the whole listing.
          if (error instanceof MalformedPointerError) return undefined;
          throw error;
        });
      for (let start = 0; start < ids.length; start += LIST_CONCURRENCY) {
        const batch = await Promise.all(ids.slice(start, start + LIST_CONCURRENCY).map(readListed));
        for (const deck of batch) if (deck) found.push(deck);
      }
      return found.sort((a, b) => a.id.localeCompare(b.id));
    },

    async listVersions(id) {
      const read = await readPointer(id);
      const versions = await history.list(id, read?.pointer);
      return read || versions.length > 0 ? versions : undefined;
    },

    async currentVersion(id) {
      return (await readPointer(id))?.pointer.manifest?.version;
    },

    readVersionFile: (id, version, name) => objects.get(versionKey(prefix, id, version, name)),

    listVersionFiles: async (id, version) => {
      const folder = versionKey(prefix, id, version, '');
      return (await objects.listKeys(folder)).map((key) => key.slice(folder.length));
    },

    async addVersionExports(id, version, files) {
      const names = Object.keys(files);
      const other = names.find((name) => !EXPORT_FILES.includes(name));
      if (other) throw new Error(`${other} is not a file a stored version may gain`);
      if (!(await readManifestOf(id, version))) throw new VersionNotFoundError(id, version);
      await settleAll(names.map((name) => putVersionFile(id, version, name, files[name] ?? '')));
    },
  };
}

function forbidden(id: string, owner: Owner): ForbiddenError {
  return new ForbiddenError(
    `The deck "${id}" belongs to ${owner.name || 'another instructor'}; only they or an administrator may change it.`,
  );
}

function parseManifest(text: string): DeckManifest | undefined {
  try {
    return readManifest(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/** Both results once both calls have ended (none is left running); the first's failure, else the second's. */
async function both<A, B>(first: Promise<A>, second: Promise<B>): Promise<[A, B]> {
  const [a, b] = await Promise.allSettled([first, second]);
  if (a.status === 'rejected') throw a.reason;
  if (b.status === 'rejected') throw b.reason;
  return [a.value, b.value];
}

/** Wait for every write to settle before failing, so nothing is still in flight when the caller answers. */
async function settleAll(writes: Promise<void>[]): Promise<void> {
  const failed = (await Promise.allSettled(writes)).find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
}
