import { readlinkSync } from 'node:fs';
import { constants, setPriority } from 'node:os';

/**
 * Lower the calling thread's scheduling priority, where a thread can have its own: on Linux,
 * /proc/thread-self names the thread, and setting the priority of its id changes that thread
 * alone. Elsewhere nothing changes. Whether the priority was lowered.
 */
export function lowerThreadPriority(priority: number = constants.priority.PRIORITY_BELOW_NORMAL): boolean {
  let thread: number;
  try {
    thread = Number(readlinkSync('/proc/thread-self').split('/').at(-1));
  } catch {
    return false; // not Linux, or no /proc
  }
  if (!Number.isInteger(thread) || thread <= 0) return false;
  try {
    setPriority(thread, priority);
    return true;
  } catch {
    return false;
  }
}
