import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { SignUpload } from '../api/media-routes.js';
import { MEDIA_TYPES } from '../core/media/media-entry.js';
import { mediaUploadKey } from '../site/layout.js';

/** How long a pre-signed upload stays usable. */
export const UPLOAD_URL_SECONDS = 300;

/**
 * Deployed, a file goes straight to the bucket: a pre-signed PUT of exactly one staging key, with
 * its Content-Type and Content-Length signed, so S3 itself refuses any other type or length. What
 * lands there is served by nothing until POST /api/media/check has checked it.
 */
export function createS3UploadSigner(
  client: S3Client,
  bucket: string,
  clock: () => Date = () => new Date(),
): SignUpload {
  return async (claim) => {
    const contentType = MEDIA_TYPES[claim.type];
    const command = new PutObjectCommand({
      Bucket: bucket,
      Key: mediaUploadKey(claim.sha256),
      ContentType: contentType,
      ContentLength: claim.size,
    });
    const url = await getSignedUrl(client, command, {
      expiresIn: UPLOAD_URL_SECONDS,
      signableHeaders: new Set(['content-type', 'content-length']),
    });
    return {
      method: 'PUT',
      url,
      headers: { 'content-type': contentType },
      expiresAt: new Date(clock().getTime() + UPLOAD_URL_SECONDS * 1000).toISOString(),
    };
  };
}
