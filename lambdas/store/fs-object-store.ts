import { createHash, randomBytes } from 'node:crypto';
import { link, mkdir, readdir, readFile, rename, rmdir, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { contentTypeFor } from '../site/content-type.js';
import { guardStorage, PreconditionFailedError, StorageError } from './errors.js';
import { ignoreMissing, withFileLock } from './file-lock.js';
import { isSafeKey, type ObjectStore, type PutOptions, type StoredObject } from './object-store.js';

/** The default folder of the embedded store, under the working directory. */
export const DEFAULT_DATA_DIR = '.lectern/data';

/** Files that are never objects: temporary writes and lock files (their names hold no valid key). */
const TEMP_MARK = '.tmp-';
const LOCK_SUFFIX = '.lock';
/** How many folders a store remembers as made before it forgets them all (a long-running server's memory). */
const KNOWN_FOLDERS = 1000;

/**
 * The embedded store: one file per key under `dataDir`, kept across restarts, no setup.
 * Every write goes to a temporary file in the same folder first, so a reader (or a crash) never sees
 * half a file: a plain put renames it into place; a create (`ifNoneMatch: '*'`) links it into place,
 * which fails when the name exists; a compare-and-swap (`ifMatch`) checks and renames under a lock
 * file that two processes on one folder respect. Content types follow the file extension, which is
 * how every key the deck store writes is named. As in a bucket, a folder exists only while it holds an
 * object: a delete removes the folders it leaves empty.
 */
export function createFsObjectStore(dataDir: string = DEFAULT_DATA_DIR): ObjectStore {
  const root = resolve(dataDir);

  const pathOf = (key: string): string => {
    if (!isSafeKey(key)) throw new StorageError(`Refusing an unsafe storage key: ${JSON.stringify(key)}`);
    return join(root, key);
  };
  // Temporary and lock files share the folder with the objects but are never objects themselves.
  const isHousekeeping = (name: string) => name.includes(TEMP_MARK) || name.endsWith(LOCK_SUFFIX);

  // Folders known to exist: a write into one does not make it again (a publish writes several files
  // into each of a few folders). One removed since is made again when the write finds it gone.
  const folders = new Set<string>();
  const writeInFolder = async (file: string, body: Uint8Array | string): Promise<void> => {
    const folder = dirname(file);
    // A folder removed since it was made (a delete of its last object, even between our mkdir and
    // our write) is made again: up to three tries.
    for (let attempt = 1; ; attempt += 1) {
      if (!folders.has(folder)) {
        await mkdir(folder, { recursive: true });
        if (folders.size >= KNOWN_FOLDERS) folders.clear();
        folders.add(folder);
      }
      try {
        await writeFile(file, body, { flag: 'wx' });
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= 3) throw error;
        folders.delete(folder);
      }
    }
  };

  /** Remove `folder` and the folders above it (below the root) while they are empty; best effort. */
  const removeEmptyFolders = async (folder: string): Promise<void> => {
    for (let at = folder; at.startsWith(`${root}${sep}`); at = dirname(at)) {
      try {
        await rmdir(at);
      } catch {
        // Not empty (an object, a write in progress, a lock), gone already, or not ours to remove.
        return;
      }
      folders.delete(at);
    }
  };

  const readObject = async (key: string, path: string): Promise<StoredObject | undefined> => {
    try {
      const body = await readFile(path);
      return {
        body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength),
        contentType: contentTypeFor(key),
        etag: etagOf(body),
      };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  };

  const place = async (key: string, path: string, temp: string, options: PutOptions): Promise<void> => {
    if (options.ifNoneMatch === '*') {
      try {
        await link(temp, path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new PreconditionFailedError(key);
        throw error;
      }
      return;
    }
    if (options.ifMatch !== undefined) {
      const expected = options.ifMatch;
      await withFileLock(`${path}${LOCK_SUFFIX}`, async () => {
        const current = await readObject(key, path);
        if (current?.etag !== expected) throw new PreconditionFailedError(key);
        await rename(temp, path);
      });
      return;
    }
    await rename(temp, path);
  };

  return {
    async get(key: string): Promise<StoredObject | undefined> {
      const path = pathOf(key);
      if (isHousekeeping(key)) return undefined;
      return guardStorage(`read ${key}`, () => readObject(key, path));
    },

    async put(key: string, body: Uint8Array | string, options: PutOptions): Promise<void> {
      const path = pathOf(key);
      if (isHousekeeping(key))
        throw new StorageError(`Refusing a reserved storage key: ${JSON.stringify(key)}`);
      await guardStorage(`write ${key}`, async () => {
        const temp = `${path}${TEMP_MARK}${process.pid}-${randomBytes(6).toString('hex')}`;
        // After a rename the temp name is gone; after a link or a failure it is removed here.
        let left = true;
        try {
          await writeInFolder(temp, body);
          await place(key, path, temp, options);
          left = options.ifNoneMatch === '*';
        } finally {
          if (left) await unlink(temp).catch(ignoreMissing);
        }
      });
    },

    async delete(key: string): Promise<void> {
      const path = pathOf(key);
      // One call, where `rm` makes two (it looks at the path first); a missing object is no error.
      await guardStorage(`delete ${key}`, () => unlink(path).catch(ignoreMissing));
      await removeEmptyFolders(dirname(path));
    },

    async listChildren(prefix: string): Promise<string[]> {
      return guardStorage(`list ${prefix}`, async () =>
        (await readFolder(prefix)).filter((entry) => entry.isDirectory()).map((entry) => entry.name),
      );
    },

    async listKeys(prefix: string): Promise<string[]> {
      const folder = prefix.endsWith('/') ? prefix : `${prefix}/`;
      return guardStorage(`list ${prefix}`, async () =>
        (await readFolder(prefix))
          .filter((entry) => entry.isFile() && !isHousekeeping(entry.name))
          .map((entry) => `${folder}${entry.name}`),
      );
    },
  };

  async function readFolder(prefix: string) {
    const trimmed = prefix.replace(/\/+$/, '');
    const path = trimmed === '' ? root : pathOf(trimmed);
    try {
      const entries = await readdir(path, { withFileTypes: true });
      return entries.filter((entry) => isSafeKey(entry.name)).sort((a, b) => (a.name < b.name ? -1 : 1));
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
  }
}

/** A quoted content hash, like the ETag S3 gives a simple upload (there an MD5; here any stable digest). */
function etagOf(body: Uint8Array): string {
  return `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"`;
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  // A folder where a file was asked for (`/decks/{id}/v`) is no such file either.
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}
