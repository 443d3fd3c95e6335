import { readFile } from 'node:fs/promises';
import { MEDIA_TYPES } from '../core/media/media-entry.js';
import { describeMedia } from '../node/describe-media.js';
import { MEDIA_API } from '../site/layout.js';
import { type SiteClient, SiteRequestError } from './site-client.js';

/**
 * The media half of `lectern publish`: each local image a lecture uses goes to the site once,
 * only if the site does not hold it yet (asked by its hash), straight to where the site says
 * (a pre-signed storage URL, or the local server), then is checked there. One file used by several
 * lectures is asked about once per run.
 */

export interface MediaUploader {
  /** `src` → SHA-256 of each file, after making sure the site holds every one; SiteRequestError naming the src. */
  ensure(files: ReadonlyMap<string, string>): Promise<Record<string, string>>;
  /** How many files this run uploaded. */
  readonly uploaded: number;
}

export function createMediaUploader(client: SiteClient): MediaUploader {
  const pending = new Map<string, Promise<void>>();
  let uploaded = 0;

  const sendOnce = async (src: string, sha256: string, type: keyof typeof MEDIA_TYPES, bytes: Buffer) => {
    const claim = JSON.stringify({ sha256, type: MEDIA_TYPES[type], size: bytes.byteLength });
    try {
      const asked = await client.send('POST', MEDIA_API.request, claim, 'application/json');
      if (asked.body.stored === true) return;
      const upload = asked.body.upload as { url?: unknown; headers?: Record<string, string> } | undefined;
      if (typeof upload?.url !== 'string') throw new SiteRequestError('the site gave no upload URL', 0);
      await client.upload(upload.url, upload.headers ?? {}, new Uint8Array(bytes));
      await client.send('POST', MEDIA_API.check, claim, 'application/json');
      uploaded++;
    } catch (error) {
      if (!(error instanceof SiteRequestError)) throw error;
      throw new SiteRequestError(`${src} not uploaded: ${error.message}`, error.status, { cause: error });
    }
  };

  return {
    async ensure(files) {
      const hashes: Record<string, string> = {};
      for (const [src, path] of files) {
        const bytes = await readFile(path);
        const found = await describeMedia(bytes);
        hashes[src] = found.sha256;
        if (!(found.type in MEDIA_TYPES)) continue; // checked before: never reached for a valid lecture
        let sending = pending.get(found.sha256);
        if (!sending) {
          sending = sendOnce(src, found.sha256, found.type as keyof typeof MEDIA_TYPES, bytes);
          pending.set(found.sha256, sending);
        }
        await sending;
      }
      return hashes;
    },
    get uploaded() {
      return uploaded;
    },
  };
}
