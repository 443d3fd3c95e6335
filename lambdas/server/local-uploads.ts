import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { UploadTarget } from '../api/media-routes.js';
import { type MediaClaim, readMediaClaim } from '../core/media/check-upload.js';
import { MAX_MEDIA_BYTES, MEDIA_TYPES } from '../core/media/media-entry.js';
import { MEDIA_API } from '../site/layout.js';

/**
 * The local server's answer to "where do I upload this file": a URL of its own, signed with a key
 * made at start and valid for a few minutes, naming exactly one hash, type and length, as an S3
 * pre-signed PUT does. The URL is the token: a client PUTs to it without the API token.
 */

const VALID_MS = 15 * 60 * 1000;

export interface LocalUploads {
  sign(claim: MediaClaim): Promise<UploadTarget>;
  /** The claim a PUT's path and query carry, or why it may not upload (expired, forged, malformed). */
  verify(path: string, query: string): MediaClaim | { problem: string };
}

export function createLocalUploads(clock: () => Date = () => new Date()): LocalUploads {
  const key = randomBytes(32);
  const signature = (claim: MediaClaim, expires: number) =>
    createHmac('sha256', key)
      .update(`${claim.sha256}\n${claim.type}\n${claim.size}\n${expires}`)
      .digest('hex');

  return {
    async sign(claim) {
      const expires = clock().getTime() + VALID_MS;
      const query = new URLSearchParams({
        type: claim.type,
        size: String(claim.size),
        expires: String(expires),
        signature: signature(claim, expires),
      });
      return {
        method: 'PUT',
        url: `${MEDIA_API.upload(claim.sha256)}?${query}`,
        headers: { 'content-type': MEDIA_TYPES[claim.type] },
        expiresAt: new Date(expires).toISOString(),
      };
    },

    verify(path, query) {
      const sha256 = MEDIA_API.uploadPattern.exec(path)?.[1];
      const params = new URLSearchParams(query.replace(/^\?/, ''));
      const claim = readMediaClaim({ sha256, type: params.get('type'), size: Number(params.get('size')) });
      if ('problem' in claim) return claim;
      const expires = Number(params.get('expires'));
      const given = Buffer.from(params.get('signature') ?? '', 'hex');
      const expected = Buffer.from(signature(claim, expires), 'hex');
      if (given.length !== expected.length || !timingSafeEqual(given, expected))
        return { problem: 'this upload URL is not one the site signed; ask POST /api/media for one' };
      if (!(expires > clock().getTime()))
        return { problem: 'this upload URL has expired; ask POST /api/media for a new one' };
      return claim;
    },
  };
}

/**
 * The bytes of an upload, read as they stream in and never more than `size` (at most 20 MiB):
 * a longer body is refused as soon as it runs over, without holding the rest.
 */
export async function readUpload(request: IncomingMessage, size: number): Promise<Uint8Array | 'too-long'> {
  const limit = Math.min(size, MAX_MEDIA_BYTES);
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    received += chunk.byteLength;
    if (received > limit) return 'too-long';
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, received);
}
