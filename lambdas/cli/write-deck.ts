import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Write a deck folder so that it is either the old one or the new one, never half of each:
 * the files go to a hidden sibling first, which then replaces the folder by rename.
 */
export function writeDeckFolder(outDir: string, id: string, files: Readonly<Record<string, string>>): string {
  const target = join(outDir, id);
  const staging = join(outDir, `.${id}.${process.pid}.tmp`);
  const previous = join(outDir, `.${id}.${process.pid}.old`);
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
