import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { contentTypeFor } from './content-type.js';
import { guardStorage, StorageError } from './errors.js';
import { isSafeKey, type ObjectStore, type PutOptions, type StoredObject } from './object-store.js';

/** The default folder of the embedded store, under the working directory. */
export const DEFAULT_DATA_DIR = '.lectern/data';

/**
 * The embedded store: one file per key under `dataDir`, kept across restarts, no setup.
 * Writes go to a temporary file in the same folder and are renamed into place, so a reader
 * (or a crash) never sees half a file. Content types follow the file extension, which is how
 * every key the deck store writes is named.
 */
export function createFsObjectStore(dataDir: string = DEFAULT_DATA_DIR): ObjectStore {
  const root = resolve(dataDir);

  const pathOf = (key: string): string => {
    if (!isSafeKey(key)) throw new StorageError(`Refusing an unsafe storage key: ${JSON.stringify(key)}`);
    return join(root, key);
  };

  return {
    async get(key: string): Promise<StoredObject | undefined> {
      const path = pathOf(key);
      return guardStorage(`read ${key}`, async () => {
        try {
          const body = await readFile(path);
          return {
            body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength),
            contentType: contentTypeFor(key),
          };
        } catch (error) {
          if (isMissing(error)) return undefined;
          throw error;
        }
      });
    },

    async put(key: string, body: Uint8Array | string, _options: PutOptions): Promise<void> {
      const path = pathOf(key);
      await guardStorage(`write ${key}`, async () => {
        await mkdir(dirname(path), { recursive: true });
        const temp = `${path}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`;
        try {
          await writeFile(temp, body);
          await rename(temp, path);
        } catch (error) {
          await rm(temp, { force: true });
          throw error;
        }
      });
    },

    async delete(key: string): Promise<void> {
      const path = pathOf(key);
      await guardStorage(`delete ${key}`, () => rm(path, { force: true }));
    },

    async listChildren(prefix: string): Promise<string[]> {
      const trimmed = prefix.replace(/\/+$/, '');
      const path = trimmed === '' ? root : pathOf(trimmed);
      return guardStorage(`list ${prefix}`, async () => {
        try {
          const entries = await readdir(path, { withFileTypes: true });
          return entries
            .filter((entry) => entry.isDirectory() && isSafeKey(entry.name))
            .map((entry) => entry.name)
            .sort();
        } catch (error) {
          if (isMissing(error)) return [];
          throw error;
        }
      });
    },
  };
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  // A folder where a file was asked for (`/decks/{id}/v`) is no such file either.
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}
