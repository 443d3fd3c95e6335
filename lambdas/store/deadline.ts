import { StorageError } from './errors.js';
import type { ObjectStore } from './object-store.js';

/**
 * An object store whose every call fails with a StorageError after `limitMs`, for backings that can
 * hang with no timeout of their own (a data folder on a network mount that stopped answering).
 * The call itself cannot be cancelled and may still finish later; writes stay whole because each
 * one is a write to a temporary file and a rename, and the caller has already answered 503.
 */
export function withDeadlines(store: ObjectStore, limitMs: number): ObjectStore {
  const bounded =
    <A extends unknown[], R>(name: string, call: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> =>
      new Promise<R>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new StorageError(`Storage did not answer within ${limitMs} ms (${name})`)),
          limitMs,
        );
        call(...args).then(
          (value) => {
            clearTimeout(timer);
            resolve(value);
          },
          (error: unknown) => {
            clearTimeout(timer);
            reject(error);
          },
        );
      });
  return {
    get: bounded('get', store.get.bind(store)),
    put: bounded('put', store.put.bind(store)),
    delete: bounded('delete', store.delete.bind(store)),
    listChildren: bounded('list', store.listChildren.bind(store)),
    listKeys: bounded('list', store.listKeys.bind(store)),
  };
}
