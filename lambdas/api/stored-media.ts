import { isMediaFile, type MediaEntry, type MediaMap, mediaFileName } from '../core/media/media-entry.js';
import { imageSources, mediaSource } from '../core/media/media-path.js';
import { parseLecture } from '../core/parse.js';
import type { PptxImage } from '../pptx/write-pptx.js';
import type { MediaStore } from '../store/media-store.js';
import type { LectureBody } from './read-body.js';

/**
 * A lecture published through the API names its local images as on disk (`figures/korea.png`);
 * the publication says which stored file each one means (`media`: src → SHA-256). This looks each
 * up and hands the pipeline what it found, so an image the site does not hold is an error at its
 * `src` (`media-not-stored`), like a missing file for the CLI. No local image: nothing to look up.
 */
export async function resolveStoredMedia(
  body: LectureBody,
  store: MediaStore | undefined,
  /** Only checking, not publishing: an image not stored yet is a warning (it goes up with the lecture). */
  checking = false,
): Promise<{ media?: MediaMap }> {
  let sources: string[];
  try {
    sources = imageSources(parseLecture(body.text, body.format ? { format: body.format } : {}).value);
  } catch {
    // Unreadable: the pipeline reports it with its line and column.
    return {};
  }
  const local = [...new Set(sources)].filter((src) => mediaSource(src).kind === 'local');
  if (local.length === 0) return {};
  const entries = await Promise.all(
    local.map(async (src): Promise<[string, MediaEntry]> => {
      const sha256 = body.media?.[src];
      const record = sha256 && store ? await store.find(sha256) : undefined;
      const file = record && store ? await store.describeStored(record) : undefined;
      return [src, file ?? { problem: 'not-stored', ...(checking && { pending: true }) }];
    }),
  );
  return { media: new Map(entries) };
}

/**
 * The stored images a checked lecture uses, with their bytes, for its PowerPoint file: each is read
 * from `media/{name}` once the deck is known to be valid (an SVG's bytes are already at hand).
 */
export async function readStoredImages(
  media: MediaMap | undefined,
  store: MediaStore | undefined,
): Promise<Map<string, PptxImage>> {
  const images = new Map<string, PptxImage>();
  if (!media || !store) return images;
  await Promise.all(
    [...media].map(async ([src, entry]) => {
      if (!isMediaFile(entry)) return;
      const bytes = entry.bytes ?? (await store.read(mediaFileName(entry)))?.body;
      if (!bytes) return;
      images.set(src, {
        bytes,
        type: entry.type,
        ...(entry.width !== undefined && { width: entry.width }),
        ...(entry.height !== undefined && { height: entry.height }),
      });
    }),
  );
  return images;
}
