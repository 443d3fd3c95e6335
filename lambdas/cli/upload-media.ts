import { readFile } from 'node:fs/promises';
import { MEDIA_TYPES, type MediaFile } from '../core/media/media-entry.js';
import { MEDIA_API } from '../site/layout.js';
import { mapLimit } from './map-limit.js';
import { type SiteClient, SiteRequestError } from './site-client.js';

/**
 * The media half of `lectern publish`: every local image of the run, each file once (by its hash,
 * found when the lectures were checked), is asked about in one request; only the files the site does
 * not hold yet are read again, sent straight to where the site says (a pre-signed storage URL, or the
 * local server), and checked there, a few at a time.
 */

/** A local image as the check found it: its path and what its bytes are. */
export interface LocalImage {
  path: string;
  file: MediaFile;
}

export interface MediaUploader {
  /** Make sure the site holds every file; the failures, by SHA-256 (none: all are stored). */
  ensure(images: Iterable<LocalImage>): Promise<Map<string, SiteRequestError>>;
  /** How many files this run uploaded. */
  readonly uploaded: number;
}

/** Uploads running at once: enough to overlap the round trips without crowding a small site. */
const UPLOADS_AT_ONCE = 4;

type Claim = { sha256: string; type: string; size: number };
type Answer = { stored?: unknown; upload?: { url?: unknown; headers?: Record<string, string> } };

export function createMediaUploader(client: SiteClient): MediaUploader {
  let uploaded = 0;

  const claimOf = ({ file }: LocalImage): Claim => ({
    sha256: file.sha256,
    type: MEDIA_TYPES[file.type as keyof typeof MEDIA_TYPES],
    size: file.size,
  });

  const ask = (claim: Claim) =>
    client.send('POST', MEDIA_API.request, JSON.stringify(claim), 'application/json');

  // One request for every file; a site from before the batch form refuses it, and is asked per file.
  const askAll = async (claims: Claim[]): Promise<Answer[]> => {
    try {
      const answer = await client.send(
        'POST',
        MEDIA_API.request,
        JSON.stringify({ files: claims }),
        'application/json',
      );
      const files = answer.body.files;
      if (Array.isArray(files) && files.length === claims.length) return files as Answer[];
    } catch (error) {
      if (!(error instanceof SiteRequestError) || error.status !== 400) throw error;
    }
    return Promise.all(claims.map(async (claim) => (await ask(claim)).body as Answer));
  };

  const send = async (image: LocalImage, claim: Claim, answer: Answer) => {
    if (answer.stored === true) return;
    const upload = answer.upload;
    if (typeof upload?.url !== 'string') throw new SiteRequestError('the site gave no upload URL', 0);
    const bytes = await readFile(image.path);
    await client.upload(upload.url, upload.headers ?? {}, new Uint8Array(bytes));
    await client.send('POST', MEDIA_API.check, JSON.stringify(claim), 'application/json');
    uploaded++;
  };

  return {
    async ensure(images) {
      const unique = new Map<string, LocalImage>();
      for (const image of images) {
        // Checked before: a lecture with a file of another type is never sent.
        if (image.file.type in MEDIA_TYPES && !unique.has(image.file.sha256))
          unique.set(image.file.sha256, image);
      }
      const failed = new Map<string, SiteRequestError>();
      if (unique.size === 0) return failed;
      const list = [...unique.values()];
      const claims = list.map(claimOf);
      let answers: Answer[];
      try {
        answers = await askAll(claims);
      } catch (error) {
        if (!(error instanceof SiteRequestError)) throw error;
        for (const image of list) failed.set(image.file.sha256, error);
        return failed;
      }
      await mapLimit(list, UPLOADS_AT_ONCE, async (image, index) => {
        try {
          await send(image, claims[index] as Claim, answers[index] ?? {});
        } catch (error) {
          if (!(error instanceof SiteRequestError)) throw error;
          failed.set(image.file.sha256, error);
        }
      });
      return failed;
    },
    get uploaded() {
      return uploaded;
    },
  };
}
