import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RenderedDeck } from '../core/deck.js';
import { LecternError } from '../core/errors.js';
import { bytesMatchName } from '../node/media-hash.js';
import { writeFileWhole } from '../node/write-whole.js';
import { SITE_FOLDERS } from '../site/layout.js';

/**
 * Copy a deck's local images into `<outDir>/media/`, each under its content-hashed name. A name
 * already there holds the same bytes (the name is their hash), so it is left alone: a file used by
 * several decks, or by several renders, is written once. Each copy lands whole, by rename, and
 * only if its bytes still hash to its name (a file edited since it was read is not stored under
 * its old name). Written before the deck that refers to them.
 */
export function writeMediaFiles(
  outDir: string,
  media: RenderedDeck['media'],
  files: ReadonlyMap<string, string> | undefined,
): number {
  const folder = join(outDir, SITE_FOLDERS.media);
  let written = 0;
  for (const { src, name } of media) {
    const source = files?.get(src);
    const target = join(folder, name);
    if (!source || existsSync(target)) continue;
    const bytes = readMediaBytes(src, name, source);
    writeFileWhole(target, bytes);
    written++;
  }
  return written;
}

/** The bytes of a deck's image, read again for output: refused if they no longer hash to the name the deck gives them. */
export function readMediaBytes(src: string, name: string, path: string): Buffer {
  const bytes = readFileSync(path);
  if (!bytesMatchName(name, bytes)) {
    throw new LecternError('media-changed', `${src} changed while the deck was being rendered; render again`);
  }
  return bytes;
}
