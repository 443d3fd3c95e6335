import { readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { StorageError } from './errors.js';

const RETRY_MS = 5;
/** Far longer than any holder needs (one read and one rename); a lock older than this is abandoned. */
const STALE_MS = 10_000;
const GIVE_UP_MS = 15_000;

/**
 * Run `task` holding an exclusive lock file, so two processes sharing one data folder cannot both
 * compare-and-swap one object at once. The lock is created with O_EXCL; it names its process, so a
 * lock left by a process that died (kill -9) is taken over at once, and one older than STALE_MS
 * (the pid reused) after that time.
 */
export async function withFileLock<T>(lockPath: string, task: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const stamp = `${process.pid} ${Date.now()}\n`;
  for (;;) {
    try {
      await writeFile(lockPath, stamp, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (await isAbandoned(lockPath)) {
      await removeLock(lockPath);
      continue;
    }
    if (Date.now() - started > GIVE_UP_MS) throw new StorageError(`Timed out waiting for ${lockPath}`);
    await sleep(RETRY_MS);
  }
  try {
    return await task();
  } finally {
    await removeLock(lockPath);
  }
}

/** Remove a lock file that may be gone already (one call, where `rm` makes two). */
async function removeLock(lockPath: string): Promise<void> {
  await unlink(lockPath).catch(ignoreMissing);
}

/** A `.catch` for a file call on a file that may be gone: no such file is no error. */
export function ignoreMissing(error: unknown): void {
  if ((error as NodeJS.ErrnoException | undefined)?.code !== 'ENOENT') throw error;
}

async function isAbandoned(lockPath: string): Promise<boolean> {
  let text: string;
  try {
    text = await readFile(lockPath, 'utf8');
  } catch {
    return false; // released meanwhile: the next attempt will take it
  }
  const [pid, since] = text.trim().split(' ').map(Number);
  // A lock file being written right now is still empty: leave it to its owner, unless it stayed empty
  // (its process died between creating and writing it).
  if (!pid || !since) return olderThan(lockPath, 1_000);
  if (Date.now() - since > STALE_MS) return true;
  return !isAlive(pid);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function olderThan(path: string, ms: number): Promise<boolean> {
  try {
    return Date.now() - (await stat(path)).mtimeMs > ms;
  } catch {
    return false;
  }
}
