import { join } from 'node:path';
import { replaceFolderWhole } from '../node/write-whole.js';

/** Write a deck folder so that it is either the old one or the new one, never half of each. */
export function writeDeckFolder(
  outDir: string,
  id: string,
  files: Readonly<Record<string, string | Uint8Array>>,
): string {
  return replaceFolderWhole(join(outDir, id), files);
}
