import { CACHE, historyKey, historyPrefix } from '../site/layout.js';
import { PreconditionFailedError } from './errors.js';
import type { ObjectStore } from './object-store.js';
import { type HistoryEntry, type Pointer, parseHistoryEntry } from './pointer.js';

/** A version in a deck's history, as the API lists it. */
export interface VersionInfo {
  version: string;
  publishedAt: string;
  publishedBy: string;
  slides: number;
  action: HistoryEntry['action'];
  current: boolean;
}

const READ_CONCURRENCY = 16;
/** How many entries a store remembers as written before it forgets them all (a long-running server's memory). */
const KNOWN_ENTRIES = 1000;
const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * A deck's history as immutable objects, one per entry, each created once (If-None-Match: *) and
 * never rewritten, so two writers never race over one shared list. An entry is written by the writer
 * that made it current, after moving the pointer, and again (harmlessly) by the next writer before it
 * moves the pointer on; the pointer itself carries its entry. So an entry can be late but never lost.
 * An entry this store has written (or found written) is not written again: the next writer in the
 * same process skips that second write.
 */
export function createDeckHistory(objects: ObjectStore, prefix: string) {
  const written = new Set<string>();
  const record = async (id: string, entry: HistoryEntry): Promise<void> => {
    const key = historyKey(prefix, id, entry.publishedAt, entry.version);
    if (written.has(key)) return;
    try {
      await objects.put(key, `${JSON.stringify(entry)}\n`, {
        contentType: JSON_TYPE,
        cacheControl: CACHE.immutable,
        ifNoneMatch: '*',
      });
    } catch (error) {
      if (!(error instanceof PreconditionFailedError)) throw error;
    }
    if (written.size >= KNOWN_ENTRIES) written.clear();
    written.add(key);
  };

  const list = async (id: string, pointer: Pointer | undefined): Promise<VersionInfo[]> => {
    const keys = await objects.listKeys(historyPrefix(prefix, id));
    const entries: HistoryEntry[] = [];
    for (let start = 0; start < keys.length; start += READ_CONCURRENCY) {
      const batch = await Promise.all(
        keys.slice(start, start + READ_CONCURRENCY).map((key) => objects.get(key)),
      );
      for (const object of batch) {
        const entry = object && parseHistoryEntry(Buffer.from(object.body).toString('utf8'));
        if (entry) entries.push(entry);
      }
    }
    const latest = pointer?.entry ?? undefined;
    if (latest && !entries.some((entry) => sameEntry(entry, latest))) entries.push(latest);
    return entries
      .sort((a, b) => (a.publishedAt === b.publishedAt ? 0 : a.publishedAt < b.publishedAt ? 1 : -1))
      .map((entry) => ({ ...entry, current: latest !== undefined && sameEntry(entry, latest) }));
  };

  return { record, list };
}

const sameEntry = (a: HistoryEntry, b: HistoryEntry) =>
  a.version === b.version && a.publishedAt === b.publishedAt;
