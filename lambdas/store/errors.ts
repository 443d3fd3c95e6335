import { LecternError } from '../core/errors.js';

/** The deck store could not read or write; the cause keeps the SDK or file-system error for the log. */
export class StorageError extends LecternError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('storage-failed', message, options);
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
