import { readFile } from 'node:fs/promises';
import { isMediaFile, type MediaMap } from '../core/media/media-entry.js';
import type { PptxImage } from '../pptx/write-pptx.js';

/** The local images of a checked lecture with their bytes, for the PowerPoint writer. */
export async function readPptxImages(
  media: MediaMap | undefined,
  files: ReadonlyMap<string, string> | undefined,
): Promise<Map<string, PptxImage>> {
  const images = new Map<string, PptxImage>();
  for (const [src, path] of files ?? []) {
    const entry = media?.get(src);
    if (!entry || !isMediaFile(entry)) continue;
    images.set(src, {
      bytes: await readFile(path),
      type: entry.type,
      ...(entry.width !== undefined && { width: entry.width }),
      ...(entry.height !== undefined && { height: entry.height }),
    });
  }
  return images;
}
