import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { SignUpload } from '../api/media-routes.js';
import { MEDIA_TYPES } from '../core/media/media-entry.js';
import { mediaUploadKey } from '../site/layout.js';

/** The header carrying the upload's SHA-256 (base64), which S3 checks against the bytes. */
export const CHECKSUM_HEADER = 'x-amz-checksum-sha256';

/** How long a pre-signed upload stays usable. */
export const UPLOAD_URL_SECONDS = 300;

/**
 * Deployed, a file goes straight to the bucket: a pre-signed PUT of exactly one staging key, with
 * its Content-Type, Content-Length and SHA-256 checksum signed as headers, so S3 itself refuses any
 * other type or length, and bytes that do not hash to the announced SHA-256 (S3 checks a sent
 * x-amz-checksum-sha256 against the body). What lands there is served by nothing until
 * POST /api/media/check has checked it.
 */
export function createS3UploadSigner(
  client: S3Client,
  bucket: string,
  clock: () => Date = () => new Date(),
): SignUpload {
  return async (claim) => {
    const contentType = MEDIA_TYPES[claim.type];
    const checksum = Buffer.from(claim.sha256, 'hex').toString('base64');
    const command = new PutObjectCommand({
      Bucket: bucket,
      Key: mediaUploadKey(claim.sha256),
      ContentType: contentType,
      ContentLength: claim.size,
      ChecksumSHA256: checksum,
    });
    // The presigner only for an upload: a cold start that serves a publish never loads it.
    const { getSignedUrl } = await import('@aws-sdk/s3-request-presigner');
    const url = await getSignedUrl(client, command, {
      expiresIn: UPLOAD_URL_SECONDS,
      signableHeaders: new Set(['content-type', 'content-length', CHECKSUM_HEADER]),
      // Kept a header (not moved into the query string), so the uploader must send it and S3 checks it.
      unhoistableHeaders: new Set([CHECKSUM_HEADER]),
    });
    return {
      method: 'PUT',
      url,
      headers: { 'content-type': contentType, [CHECKSUM_HEADER]: checksum },
      expiresAt: new Date(clock().getTime() + UPLOAD_URL_SECONDS * 1000).toISOString(),
    };
  };
}
