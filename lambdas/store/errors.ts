import { LecternError } from '../core/errors.js';

/** The deck store could not read or write; the cause keeps the SDK or file-system error for the log. */
export class StorageError extends LecternError {
  constructor(message: string, options?: { cause?: unknown; code?: string }) {
    super(options?.code ?? 'storage-failed', message, options);
  }
}

/** A conditional write found the object changed (or present, or gone) since it was read: nothing was written. */
export class PreconditionFailedError extends StorageError {
  constructor(key: string, options?: { cause?: unknown }) {
    super(`The object at ${key} changed since it was read`, { ...options, code: 'precondition-failed' });
  }
}

/** The instructor may not change this deck: it belongs to someone else. */
export class ForbiddenError extends LecternError {
  constructor(message: string) {
    super('forbidden', message);
  }
}

/** A restore named a version the deck never had (or whose files are not all stored). */
export class VersionNotFoundError extends LecternError {
  constructor(id: string, version: string) {
    super('version-not-found', `The deck "${id}" has no stored version "${version}".`);
  }
}

/** Run a storage operation and turn any failure into a StorageError that keeps the original as its cause. */
export async function guardStorage<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof StorageError) throw error;
    throw new StorageError(`Storage failed while trying to ${what}`, { cause: error });
  }
}
