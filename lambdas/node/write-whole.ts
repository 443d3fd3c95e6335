import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Files and folders that land whole: everything is written to a hidden sibling first and then
 * renamed into place, so a reader (or a crash, or Ctrl-C) sees the old file or the new one, never
 * part of either. The sibling is in the same folder, so the rename never crosses file systems.
 */

/** The hidden sibling a target is staged in (per process, so two renders never share one). */
function stagingFor(target: string, suffix = 'tmp'): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${suffix}`);
}

/** Let `write` produce the file at a staging path, then move it onto `target`; nothing is left behind on failure. */
export async function writeStaged(
  target: string,
  write: (staging: string) => unknown | Promise<unknown>,
): Promise<string> {
  mkdirSync(dirname(target), { recursive: true });
  const staging = stagingFor(target);
  try {
    await write(staging);
    renameSync(staging, target);
  } finally {
    rmSync(staging, { force: true });
  }
  return target;
}

/** Write one file whole. */
export function writeFileWhole(target: string, data: string | Uint8Array): string {
  mkdirSync(dirname(target), { recursive: true });
  const staging = stagingFor(target);
  try {
    writeFileSync(staging, data);
    renameSync(staging, target);
  } finally {
    rmSync(staging, { force: true });
  }
  return target;
}

/** Replace a whole folder with one holding exactly `files` (relative path → content). */
export function replaceFolderWhole(
  target: string,
  files: Readonly<Record<string, string | Uint8Array>>,
): string {
  const staging = stagingFor(target);
  const previous = stagingFor(target, 'old');
  rmSync(staging, { recursive: true, force: true });
  try {
    for (const [path, content] of Object.entries(files)) {
      const file = join(staging, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
    }
    let replaced = false;
    try {
      renameSync(target, previous);
      replaced = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    renameSync(staging, target);
    if (replaced) rmSync(previous, { recursive: true, force: true });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return target;
}
