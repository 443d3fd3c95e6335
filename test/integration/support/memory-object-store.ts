import { createHash } from 'node:crypto';
import { PreconditionFailedError, StorageError } from '../../../lambdas/store/errors.js';
import { isSafeKey, type ObjectStore, type StoredObject } from '../../../lambdas/store/object-store.js';

/**
 * An object store in memory that enforces If-None-Match and If-Match exactly as S3 documents them
 * (create only when absent; replace only when the ETag still matches; otherwise 412 and no change).
 * s3rver ignores both headers, so this is where the deck store's conditional logic is proven to hold.
 */
export function createMemoryObjectStore(): ObjectStore & { keys(): string[] } {
  const objects = new Map<string, StoredObject>();
  const checked = (key: string) => {
    if (!isSafeKey(key)) throw new StorageError(`Refusing an unsafe storage key: ${JSON.stringify(key)}`);
    return key;
  };
  const childrenOf = (prefix: string) => [...objects.keys()].filter((key) => key.startsWith(prefix));
  return {
    async get(key) {
      const object = objects.get(checked(key));
      return object && { ...object, body: object.body.slice() };
    },
    async put(key, body, options) {
      const existing = objects.get(checked(key));
      if (options.ifNoneMatch === '*' && existing) throw new PreconditionFailedError(key);
      if (options.ifMatch !== undefined && existing?.etag !== options.ifMatch)
        throw new PreconditionFailedError(key);
      const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body.slice();
      const etag = `"${createHash('md5').update(bytes).digest('hex')}"`;
      objects.set(key, { body: bytes, contentType: options.contentType, etag });
    },
    async delete(key) {
      objects.delete(key);
    },
    async listChildren(prefix) {
      const names = childrenOf(prefix)
        .map((key) => key.slice(prefix.length).split('/'))
        .filter((parts) => parts.length > 1)
        .map((parts) => parts[0] ?? '');
      return [...new Set(names)].sort();
    },
    async listKeys(prefix) {
      const folder = prefix.endsWith('/') ? prefix : `${prefix}/`;
      return childrenOf(folder)
        .filter((key) => !key.slice(folder.length).includes('/'))
        .sort();
    },
    keys: () => [...objects.keys()].sort(),
  };
}
