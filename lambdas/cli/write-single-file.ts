import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RenderedDeck } from '../core/deck.js';
import { mediaBaseFor } from '../core/render/index.js';
import { inlineDeck } from '../core/single-file/inline-deck.js';
import { DECK_FILES } from '../site/layout.js';
import { readMediaBytes } from './write-media.js';

/**
 * Write a deck as one file, `<outDir>/<id>.html`: its page with the shared assets, its math style
 * and its images inlined (the core does the inlining; this reads the bytes and writes the file,
 * whole, by rename). Returns the file's path and size.
 */
export function writeSingleFile(
  outDir: string,
  deck: RenderedDeck,
  mediaFiles: ReadonlyMap<string, string> | undefined,
  assets: ReadonlyMap<string, Uint8Array>,
  assetsBase: string,
): { path: string; bytes: number } {
  const media = new Map<string, Uint8Array>();
  for (const { src, name } of deck.media) {
    const path = mediaFiles?.get(src);
    if (path) media.set(name, readMediaBytes(src, name, path));
  }
  const { [DECK_FILES.deck]: html = '', ...deckFiles } = deck.files;
  const page = inlineDeck({
    html,
    deckFiles,
    assetsBase,
    assets,
    mediaBase: mediaBaseFor(assetsBase),
    media,
  });
  const target = join(outDir, `${deck.manifest.id}.html`);
  const staging = join(outDir, `.${deck.manifest.id}.html.${process.pid}.tmp`);
  try {
    writeFileSync(staging, page);
    renameSync(staging, target);
  } finally {
    rmSync(staging, { force: true });
  }
  return { path: target, bytes: Buffer.byteLength(page) };
}
