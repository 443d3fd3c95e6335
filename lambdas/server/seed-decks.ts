import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toApiGatewayEvent } from '../api/api-event.js';
import type { Api } from '../api/create-api.js';
import type { ApiResult } from '../api/http.js';
import type { LectureFormat } from '../core/deck.js';
import { readMediaClaim } from '../core/media/check-upload.js';
import { parseLecture } from '../core/parse.js';
import { collectFiles, formatOf } from '../node/collect-files.js';
import { sortCourseFiles } from '../node/course-files.js';
import { readLocalMedia } from '../node/read-media.js';
import { PUBLICATION_TYPE } from '../site/layout.js';
import type { DeckStore } from '../store/deck-store.js';
import type { MediaStore } from '../store/media-store.js';

export interface SeedOptions {
  store: DeckStore;
  /** The site's own API, called in process: lectures are published as any publish is. */
  api: Api;
  token: string;
  /** A folder of lectures (and course files), e.g. the repository's content/. */
  folder: string;
  /** Where a lecture's own images go, checked as any upload is, before the lecture is published. */
  media?: MediaStore;
}

export interface SeedResult {
  /** Deck ids published. */
  published: string[];
  /** Files the API refused, with its answer. */
  failed: { file: string; status: number; message: string }[];
}

/**
 * Publish the lectures of a folder when the store holds no deck yet, so that a first `npm start`
 * opens on the course that ships with Lectern. A store with any deck is left as it is.
 */
export async function seedDecks(options: SeedOptions): Promise<SeedResult> {
  const result: SeedResult = { published: [], failed: [] };
  if ((await options.store.listDecks()).length > 0) return result;
  const { lectures } = sortCourseFiles(collectFiles(['.'], options.folder), options.folder);
  for (const file of lectures) {
    const answer = await publishLectureFile(options, join(options.folder, file));
    const status = answer.statusCode ?? 200;
    const body = JSON.parse(answer.body ?? '{}') as { id?: string; error?: { message?: string } };
    if (status < 300 && body.id) result.published.push(body.id);
    else result.failed.push({ file, status, message: body.error?.message ?? '' });
  }
  return result;
}

/**
 * Publish one lecture file through the API, its own images stored first (when a media store is given):
 * what `lectern publish` does over HTTP, done in process.
 */
export async function publishLectureFile(
  options: Pick<SeedOptions, 'api' | 'token' | 'media'>,
  path: string,
  /** The lecture's text when it differs from the file's (its images are still found beside `path`). */
  given?: string,
): Promise<ApiResult> {
  const text = given ?? readFileSync(path, 'utf8');
  const format = formatOf(path);
  const media = options.media ? await storeLocalMedia(path, text, format, options.media) : {};
  return options.api(
    toApiGatewayEvent({
      method: 'POST',
      path: '/api/decks',
      headers: { authorization: `Bearer ${options.token}`, 'content-type': PUBLICATION_TYPE },
      body: Buffer.from(JSON.stringify({ lecture: text, format, media })),
    }),
  );
}

/**
 * A lecture's local images into the media store (each checked as an upload is), and the `src` →
 * SHA-256 map its publication names. An image that cannot be read or stored is left out: the
 * API's answer then names it.
 */
async function storeLocalMedia(
  file: string,
  text: string,
  format: LectureFormat,
  media: MediaStore,
): Promise<Record<string, string>> {
  let root: unknown;
  try {
    root = parseLecture(text, { format }).value;
  } catch {
    return {};
  }
  const found = await readLocalMedia(file, root);
  const hashes: Record<string, string> = {};
  for (const [src, entry] of found.entries) {
    const path = found.files.get(src);
    if (!('sha256' in entry) || !path) continue;
    const claim = readMediaClaim({ sha256: entry.sha256, type: entry.type, size: entry.size });
    if ('problem' in claim) continue;
    try {
      await media.store(claim, readFileSync(path));
      hashes[src] = entry.sha256;
    } catch {
      // Refused or not stored: the publish answers 422 naming this src.
    }
  }
  return hashes;
}
