import { StorageError } from '../../../lambdas/store/errors.js';
import type { ObjectStore } from '../../../lambdas/store/object-store.js';

/** A write as the fault wrappers count them: every put and every delete, in the order they start. */
type WriteHook = (key: string, write: () => Promise<void>) => Promise<void>;

function onWrites(objects: ObjectStore, hook: WriteHook): ObjectStore {
  return {
    ...objects,
    put: (key, body, options) => hook(key, () => objects.put(key, body, options)),
    delete: (key) => hook(key, () => objects.delete(key)),
  };
}

/** Counts the writes an operation makes, and the keys, so the fault tests can fail each one in turn. */
export function countingWrites(objects: ObjectStore): ObjectStore & { written: string[] } {
  const written: string[] = [];
  return Object.assign(
    onWrites(objects, (key, write) => {
      written.push(key);
      return write();
    }),
    { written },
  );
}

/**
 * Fails the `failAt`-th write (1-based) once, as a dropped connection or a full disk would: by default
 * with the error a file system gives when the disk is full.
 */
export function failingWrite(
  objects: ObjectStore,
  failAt: number,
  error: () => Error = () => new StorageError('injected failure', { cause: enospc() }),
): ObjectStore {
  let writes = 0;
  return onWrites(objects, (_key, write) => {
    writes += 1;
    return writes === failAt ? Promise.reject(error()) : write();
  });
}

/**
 * Holds the `hangAt`-th write before it reaches storage, as a Lambda frozen or timed out mid-publish
 * would; `reached` settles when it is held, `release` lets it (and whatever follows) go on late.
 */
export function hangingWrite(objects: ObjectStore, hangAt: number) {
  let writes = 0;
  let reach = () => {};
  let release = () => {};
  const reached = new Promise<void>((resolve) => {
    reach = resolve;
  });
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const store = onWrites(objects, async (_key, write) => {
    writes += 1;
    if (writes === hangAt) {
      reach();
      await released;
    }
    return write();
  });
  return { store, reached, release };
}

/** The error Node gives a write on a full disk. */
export function enospc(): NodeJS.ErrnoException {
  return Object.assign(new Error('ENOSPC: no space left on device, write'), {
    code: 'ENOSPC',
    errno: -28,
    syscall: 'write',
  });
}

/**
 * Each read and write waits `delayMs` before it reaches storage, as a round trip to S3 would, and
 * every call that starts notes the calls in flight with it (`get key`, `put key`): which calls an
 * operation makes side by side and which it makes one after another.
 */
export function overlappingCalls(objects: ObjectStore, delayMs = 5) {
  const inFlight = new Set<string>();
  const together: string[][] = [];
  const call = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    inFlight.add(name);
    together.push([...inFlight]);
    try {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return await run();
    } finally {
      inFlight.delete(name);
    }
  };
  const store: ObjectStore = {
    ...objects,
    get: (key) => call(`get ${key}`, () => objects.get(key)),
    put: (key, body, options) => call(`put ${key}`, () => objects.put(key, body, options)),
  };
  /** Whether some call matching `a` and some matching `b` were ever in flight at once. */
  const overlapped = (a: RegExp, b: RegExp) =>
    together.some((names) => names.some((name) => a.test(name)) && names.some((name) => b.test(name)));
  return { store, overlapped };
}
