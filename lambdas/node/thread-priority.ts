import { readlinkSync } from 'node:fs';
import { constants, setPriority } from 'node:os';

/**
 * Lower the calling thread's scheduling priority, where a thread can have its own: on Linux,
 * /proc/thread-self names the thread, and setting the priority of its id changes that thread
 * alone. Elsewhere (no /proc, or a system that refuses) nothing changes.
 */
export function lowerThreadPriority(priority: number = constants.priority.PRIORITY_BELOW_NORMAL): void {
  try {
    const thread = Number(readlinkSync('/proc/thread-self').split('/').at(-1));
    if (Number.isInteger(thread) && thread > 0) setPriority(thread, priority);
  } catch {
    // not Linux, no /proc, or not allowed: the thread keeps its priority
  }
}
